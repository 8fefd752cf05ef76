package io.dtls.spring.event;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.event.DtlsRole;
import io.dtls.spring.DtlsPeer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the engine's connection events as Spring application events. Listeners of these
 * events run on the engine's handshake and receive threads, so they should return quickly.
 *
 * @since 0.1.0
 */
public class ApplicationEventPublishingListener implements DtlsEventListener {

	private final ApplicationEventPublisher publisher;

	private final Object source;

	/**
	 * @param source the event source, typically the server or client bean
	 */
	public ApplicationEventPublishingListener(ApplicationEventPublisher publisher, Object source) {
		this.publisher = publisher;
		this.source = source;
	}

	@Override
	public void connectionOpened(DtlsConnection connection) {
		this.publisher.publishEvent(new DtlsConnectionOpenedEvent(this.source, new DtlsPeer(connection)));
	}

	@Override
	public void connectionClosed(DtlsConnection connection, CloseReason reason) {
		this.publisher.publishEvent(new DtlsConnectionClosedEvent(this.source, new DtlsPeer(connection), reason));
	}

	@Override
	public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
		this.publisher.publishEvent(new DtlsHandshakeFailedEvent(this.source, peer, role, failure, cause));
	}

}
