package io.dtls.core.credentials;

import java.util.Objects;

/**
 * Client-side pre-shared key: the identity that the client sends and the key it shares with the server.
 *
 * <p>Instances are immutable. The key is copied on creation and on every call to {@link #key()}.
 *
 * @since 0.1.0
 */
public final class PskIdentity {

	private final String identity;
	private final byte[] identityBytes;
	private final byte[] key;

	private PskIdentity(String identity, byte[] identityBytes, byte[] key) {
		this.identity = identity;
		this.identityBytes = identityBytes;
		this.key = key;
	}

	/**
	 * Creates a PSK identity.
	 *
	 * @param identity the identity, 1 to 65535 bytes in UTF-8
	 * @param key the key, 1 to 65535 bytes. The array is copied.
	 * @return the PSK identity
	 * @throws IllegalArgumentException if the identity or key breaks the length limits, or the identity is not
	 *     valid Unicode
	 */
	public static PskIdentity of(String identity, byte[] key) {
		Objects.requireNonNull(identity, "identity");
		Objects.requireNonNull(key, "key");
		byte[] identityBytes = PskLimits.encodeIdentity(identity);
		PskLimits.checkKey(key, identity);
		return new PskIdentity(identity, identityBytes, key.clone());
	}

	/**
	 * Returns the identity as text.
	 *
	 * @return the identity
	 */
	public String identity() {
		return identity;
	}

	/**
	 * Returns the UTF-8 encoding of the identity, as it is sent in the ClientKeyExchange message.
	 *
	 * @return a new array on each call
	 */
	public byte[] identityBytes() {
		return identityBytes.clone();
	}

	/**
	 * Returns the key.
	 *
	 * @return a new array on each call, which the caller may clear after use
	 */
	public byte[] key() {
		return key.clone();
	}

	/**
	 * Returns the identity and the key length. The key itself is never included.
	 *
	 * @return a description such as {@code PskIdentity[identity=device-1, key=16 bytes]}
	 */
	@Override
	public String toString() {
		return "PskIdentity[identity=" + identity + ", key=" + key.length + " bytes]";
	}
}
