package io.dtls.core;

import org.jspecify.annotations.Nullable;

/**
 * Raised by {@link DtlsConnection#send} and {@link DtlsConnection#receive} once the connection
 * is closed. {@link #getCloseReason()} says why it closed.
 *
 * @since 0.1.0
 */
public class DtlsConnectionClosedException extends DtlsException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable CloseReason closeReason;

	public DtlsConnectionClosedException(String message, @Nullable CloseReason closeReason) {
		super(message);
		this.closeReason = closeReason;
	}

	/**
	 * Returns why the connection closed, or {@code null} when it closed before the handshake
	 * completed.
	 */
	public @Nullable CloseReason getCloseReason() {
		return this.closeReason;
	}

}
