package io.dtls.core.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.event.DtlsRole;
import io.dtls.core.event.DtlsStatistics;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Sends each event to the endpoint's statistics and to the user's listener, so that a failing
 * listener never disturbs the engine. Drops are also logged, rate-limited.
 */
public final class EventPublisher implements DtlsEventListener {

	private static final RateLimitedLogger listenerLogger = new RateLimitedLogger(
			LoggerFactory.getLogger(EventPublisher.class), 10, TimeUnit.SECONDS);

	private static final RateLimitedLogger dropLogger = new RateLimitedLogger(
			LoggerFactory.getLogger("io.dtls.core.drops"), 1, TimeUnit.SECONDS);

	private final DtlsStatistics statistics;

	private final @Nullable DtlsEventListener listener;

	public EventPublisher(DtlsStatistics statistics, @Nullable DtlsEventListener listener) {
		this.statistics = statistics;
		this.listener = listener;
	}

	public DtlsStatistics statistics() {
		return this.statistics;
	}

	@Override
	public void handshakeStarted(InetSocketAddress peer, DtlsRole role) {
		this.statistics.handshakeStarted(peer, role);
		if (this.listener != null) {
			try {
				this.listener.handshakeStarted(peer, role);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
		this.statistics.handshakeCompleted(connection, role, duration);
		if (this.listener != null) {
			try {
				this.listener.handshakeCompleted(connection, role, duration);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
		this.statistics.handshakeFailed(peer, role, failure, duration, cause);
		if (this.listener != null) {
			try {
				this.listener.handshakeFailed(peer, role, failure, duration, cause);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void helloVerifyRequestSent(InetSocketAddress peer, int bytes) {
		this.statistics.helloVerifyRequestSent(peer, bytes);
		if (this.listener != null) {
			try {
				this.listener.helloVerifyRequestSent(peer, bytes);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void connectionOpened(DtlsConnection connection) {
		this.statistics.connectionOpened(connection);
		if (this.listener != null) {
			try {
				this.listener.connectionOpened(connection);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void connectionClosed(DtlsConnection connection, CloseReason reason) {
		this.statistics.connectionClosed(connection, reason);
		if (this.listener != null) {
			try {
				this.listener.connectionClosed(connection, reason);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void dropped(@Nullable InetSocketAddress source, DropReason reason, int bytes) {
		this.statistics.dropped(source, reason, bytes);
		dropLogger.debug("Dropped {} bytes from {}: {}", bytes, source, reason);
		if (this.listener != null) {
			try {
				this.listener.dropped(source, reason, bytes);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void datagramReceived(int bytes) {
		this.statistics.datagramReceived(bytes);
		if (this.listener != null) {
			try {
				this.listener.datagramReceived(bytes);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	@Override
	public void datagramSent(int bytes) {
		this.statistics.datagramSent(bytes);
		if (this.listener != null) {
			try {
				this.listener.datagramSent(bytes);
			}
			catch (RuntimeException ex) {
				listenerFailed(ex);
			}
		}
	}

	private static void listenerFailed(RuntimeException ex) {
		listenerLogger.warn("DtlsEventListener failed; the event is ignored", ex);
	}

}
