package io.dtls.core.credentials;

import java.security.Key;
import org.jspecify.annotations.Nullable;

/**
 * Key algorithm of a certificate credential. It decides which cipher suites a server can offer: ECDHE_ECDSA suites
 * for {@link #EC} keys and ECDHE_RSA suites for {@link #RSA} keys.
 *
 * <p>Other key algorithms, such as Ed25519 or DSA, are rejected when credentials are loaded.
 *
 * @since 0.1.0
 */
public enum KeyType {

	/** Elliptic-curve key, used for ECDSA signatures. */
	EC,

	/** RSA key, used for RSA PKCS#1 v1.5 signatures. */
	RSA;

	/**
	 * Returns the key type for a key's algorithm name, or {@code null} if the algorithm is not supported.
	 *
	 * <p>Bouncy Castle names EC keys "ECDSA" in some code paths and the JDK names them "EC", so both map to
	 * {@link #EC}.
	 */
	static @Nullable KeyType of(Key key) {
		return switch (key.getAlgorithm()) {
			case "EC", "ECDSA" -> EC;
			case "RSA" -> RSA;
			default -> null;
		};
	}
}
