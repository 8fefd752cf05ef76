package io.dtls.spring.event;

import java.net.InetSocketAddress;

import io.dtls.core.HandshakeFailure;
import io.dtls.core.event.DtlsRole;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a DTLS handshake fails, with the peer's address and the reason.
 *
 * @since 0.1.0
 */
public class DtlsHandshakeFailedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final InetSocketAddress peerAddress;

	private final DtlsRole role;

	private final HandshakeFailure failure;

	private final transient @Nullable Throwable cause;

	public DtlsHandshakeFailedEvent(Object source, InetSocketAddress peerAddress, DtlsRole role,
			HandshakeFailure failure, @Nullable Throwable cause) {
		super(source);
		this.peerAddress = peerAddress;
		this.role = role;
		this.failure = failure;
		this.cause = cause;
	}

	public InetSocketAddress getPeerAddress() {
		return this.peerAddress;
	}

	/**
	 * Returns whether this side was the server or the client of the failed handshake.
	 */
	public DtlsRole getRole() {
		return this.role;
	}

	public HandshakeFailure getFailure() {
		return this.failure;
	}

	public @Nullable Throwable getCause() {
		return this.cause;
	}

}
