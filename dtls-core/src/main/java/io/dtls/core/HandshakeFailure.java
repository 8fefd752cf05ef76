package io.dtls.core;

/**
 * Causes of a failed handshake. The set is small and fixed so that it can serve as a metric tag.
 *
 * @since 0.1.0
 */
public enum HandshakeFailure {

	/** The handshake did not complete within the configured handshake timeout. */
	TIMEOUT,

	/** The server's host replied with ICMP port unreachable, so nothing listens on that port. */
	UNREACHABLE,

	/** The peer's certificate chain does not lead to a trusted certificate, or is invalid. */
	UNTRUSTED_CERTIFICATE,

	/** The server certificate does not name the host the client connected to. */
	HOSTNAME_MISMATCH,

	/** The server requires a client certificate and the client sent none. */
	CLIENT_CERTIFICATE_REQUIRED,

	/** The client's PSK identity is unknown to the server, or the keys differ. */
	PSK_REJECTED,

	/** The peers share no cipher suite, protocol version or group. */
	NO_COMMON_PARAMETERS,

	/** The peer sent a fatal alert. */
	ALERT_RECEIVED,

	/** This side sent a fatal alert for a reason not listed above, such as a malformed message. */
	ALERT_SENT,

	/** The endpoint stopped, or the handshake was cancelled, before it completed. */
	CANCELLED,

	/** A socket or internal error. */
	INTERNAL_ERROR

}
