package io.dtls.core.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
		forward((listener) -> listener.handshakeStarted(peer, role));
	}

	@Override
	public void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
		this.statistics.handshakeCompleted(connection, role, duration);
		forward((listener) -> listener.handshakeCompleted(connection, role, duration));
	}

	@Override
	public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
		this.statistics.handshakeFailed(peer, role, failure, duration, cause);
		forward((listener) -> listener.handshakeFailed(peer, role, failure, duration, cause));
	}

	@Override
	public void helloVerifyRequestSent(InetSocketAddress peer, int bytes) {
		this.statistics.helloVerifyRequestSent(peer, bytes);
		forward((listener) -> listener.helloVerifyRequestSent(peer, bytes));
	}

	@Override
	public void connectionOpened(DtlsConnection connection) {
		this.statistics.connectionOpened(connection);
		forward((listener) -> listener.connectionOpened(connection));
	}

	@Override
	public void connectionClosed(DtlsConnection connection, CloseReason reason) {
		this.statistics.connectionClosed(connection, reason);
		forward((listener) -> listener.connectionClosed(connection, reason));
	}

	@Override
	public void dropped(@Nullable InetSocketAddress source, DropReason reason, int bytes) {
		this.statistics.dropped(source, reason, bytes);
		dropLogger.debug("Dropped {} bytes from {}: {}", bytes, source, reason);
		forward((listener) -> listener.dropped(source, reason, bytes));
	}

	@Override
	public void datagramReceived(int bytes) {
		this.statistics.datagramReceived(bytes);
		forward((listener) -> listener.datagramReceived(bytes));
	}

	@Override
	public void datagramSent(int bytes) {
		this.statistics.datagramSent(bytes);
		forward((listener) -> listener.datagramSent(bytes));
	}

	private void forward(Consumer<DtlsEventListener> event) {
		DtlsEventListener listener = this.listener;
		if (listener == null) {
			return;
		}
		try {
			event.accept(listener);
		}
		catch (RuntimeException ex) {
			listenerLogger.warn("DtlsEventListener failed; the event is ignored", ex);
		}
	}

}
