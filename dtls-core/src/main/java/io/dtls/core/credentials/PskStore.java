package io.dtls.core.credentials;

import org.jspecify.annotations.Nullable;

/**
 * Server-side lookup of pre-shared keys (PSK, RFC 4279) by the identity that a client sends.
 *
 * <p>Handshakes run on several threads, so implementations must allow concurrent calls to {@link #getKey}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PskStore {

	/**
	 * Looks up the key for a client's PSK identity.
	 *
	 * @param identity the identity that the client sent, decoded as UTF-8
	 * @return the key bytes, or {@code null} to reject the identity as unknown. The caller may clear the returned
	 *     array after use, so implementations should return a copy.
	 */
	byte @Nullable [] getKey(String identity);
}
