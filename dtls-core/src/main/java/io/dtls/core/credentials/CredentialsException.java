package io.dtls.core.credentials;

import org.jspecify.annotations.Nullable;

/**
 * Unchecked exception for credentials or trust material that cannot be loaded or do not fit together.
 *
 * <p>The message names the file, alias or certificate involved and what to change. It never contains key
 * material or passwords.
 *
 * @since 0.1.0
 */
public class CredentialsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message and no cause.
	 *
	 * @param message what failed, on which value, and what to do
	 */
	public CredentialsException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and the exception that caused it.
	 *
	 * @param message what failed, on which value, and what to do
	 * @param cause the underlying exception, or {@code null} if there is none
	 */
	public CredentialsException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}
}
