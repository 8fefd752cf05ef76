package io.dtls.core;

import org.jspecify.annotations.Nullable;

/**
 * Raised when an endpoint or client is built with an invalid setting. The message names the
 * setting, the rejected value and what to use instead.
 *
 * @since 0.1.0
 */
public class DtlsConfigurationException extends DtlsException {

	private static final long serialVersionUID = 1L;

	public DtlsConfigurationException(String message) {
		super(message);
	}

	public DtlsConfigurationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
