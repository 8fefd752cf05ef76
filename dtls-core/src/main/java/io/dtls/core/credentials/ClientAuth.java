package io.dtls.core.credentials;

/**
 * Server policy for client certificates.
 *
 * @since 0.1.0
 */
public enum ClientAuth {

	/** The server does not send a CertificateRequest, so clients authenticate with no certificate. */
	NONE,

	/** The server sends a CertificateRequest but also completes the handshake when the client sends no certificate. */
	WANT,

	/**
	 * The server sends a CertificateRequest and fails the handshake unless the client sends a certificate chain
	 * that passes path validation against the server's trust material.
	 */
	NEED
}
