package io.dtls.core;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception the DTLS engine raises. Subclasses say which step failed:
 * configuration, handshake, a closed connection, a payload that does not fit, or a timeout.
 *
 * @since 0.1.0
 */
public class DtlsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DtlsException(String message) {
		super(message);
	}

	public DtlsException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
