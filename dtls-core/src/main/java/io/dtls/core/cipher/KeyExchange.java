package io.dtls.core.cipher;

/**
 * How a cipher suite authenticates the peers and agrees on keys, which decides the credentials
 * it needs.
 *
 * @since 0.1.0
 */
public enum KeyExchange {

	/** Ephemeral ECDH signed with an ECDSA certificate. */
	ECDHE_ECDSA,

	/** Ephemeral ECDH signed with an RSA certificate. */
	ECDHE_RSA,

	/** A pre-shared key alone (RFC 4279). */
	PSK,

	/** Ephemeral ECDH mixed with a pre-shared key (RFC 5489), which adds forward secrecy. */
	ECDHE_PSK;

	/**
	 * Returns whether the suite needs a certificate rather than a pre-shared key.
	 */
	public boolean usesCertificate() {
		return this == ECDHE_ECDSA || this == ECDHE_RSA;
	}

}
