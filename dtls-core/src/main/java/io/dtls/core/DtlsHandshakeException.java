package io.dtls.core;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * Raised when a DTLS handshake fails. {@link #getFailure()} classifies the cause, and the
 * message names the peer and, where there is one, the TLS alert.
 *
 * @since 0.1.0
 */
public class DtlsHandshakeException extends DtlsException {

	private static final long serialVersionUID = 1L;

	private final HandshakeFailure failure;

	private final @Nullable InetSocketAddress peerAddress;

	public DtlsHandshakeException(HandshakeFailure failure, @Nullable InetSocketAddress peerAddress, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.failure = failure;
		this.peerAddress = peerAddress;
	}

	public HandshakeFailure getFailure() {
		return this.failure;
	}

	public @Nullable InetSocketAddress getPeerAddress() {
		return this.peerAddress;
	}

}
