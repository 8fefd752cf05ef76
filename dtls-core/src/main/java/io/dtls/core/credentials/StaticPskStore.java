package io.dtls.core.credentials;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable {@link PskStore} backed by a fixed map from identity to key.
 *
 * <p>The keys are copied when the store is created and again on every lookup, so neither the caller's arrays nor
 * the arrays returned by {@link #getKey} can change the stored keys.
 *
 * @since 0.1.0
 */
public final class StaticPskStore implements PskStore {

	private final Map<String, byte[]> keys;

	private StaticPskStore(Map<String, byte[]> keys) {
		this.keys = keys;
	}

	/**
	 * Creates a store from a map of identities to keys.
	 *
	 * @param keysByIdentity identities, which must be 1 to 65535 bytes in UTF-8, mapped to keys of 1 to 65535
	 *     bytes. The map may be empty, and then every lookup returns {@code null}.
	 * @return the store, holding copies of the keys
	 * @throws IllegalArgumentException if an identity or key breaks the length limits, or an identity is not valid
	 *     Unicode
	 */
	public static StaticPskStore of(Map<String, byte[]> keysByIdentity) {
		Objects.requireNonNull(keysByIdentity, "keysByIdentity");
		Map<String, byte[]> copy = new HashMap<>();
		for (Map.Entry<String, byte[]> entry : keysByIdentity.entrySet()) {
			String identity = Objects.requireNonNull(entry.getKey(), "PSK identity must not be null");
			byte[] key = Objects.requireNonNull(entry.getValue(), "PSK for identity '" + identity + "' is null");
			PskLimits.encodeIdentity(identity);
			PskLimits.checkKey(key, identity);
			copy.put(identity, key.clone());
		}
		return new StaticPskStore(Map.copyOf(copy));
	}

	/**
	 * Returns a copy of the key for an identity.
	 *
	 * @param identity the identity that the client sent
	 * @return a new array with the key, or {@code null} if the identity is unknown
	 */
	@Override
	public byte @Nullable [] getKey(String identity) {
		byte[] key = keys.get(identity);
		return key != null ? key.clone() : null;
	}

	/**
	 * Returns the number of identities, without identities or keys.
	 *
	 * @return a description such as {@code StaticPskStore[2 identities]}
	 */
	@Override
	public String toString() {
		return "StaticPskStore[" + keys.size() + (keys.size() == 1 ? " identity]" : " identities]");
	}
}
