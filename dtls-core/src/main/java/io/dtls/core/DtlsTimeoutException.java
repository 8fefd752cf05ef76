package io.dtls.core;

/**
 * Raised when a blocking operation, such as connecting to a server, does not finish within its
 * timeout.
 *
 * @since 0.1.0
 */
public class DtlsTimeoutException extends DtlsException {

	private static final long serialVersionUID = 1L;

	public DtlsTimeoutException(String message) {
		super(message);
	}

}
