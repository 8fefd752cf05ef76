package io.dtls.core.credentials;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Size and encoding checks shared by the PSK classes.
 *
 * <p>In RFC 4279 section 2, the identity has a 2-byte length prefix in the ClientKeyExchange message and the
 * premaster secret encodes the key length in 2 bytes, so both are limited to 65535 bytes.
 */
final class PskLimits {

	static final int MAX_IDENTITY_BYTES = 65535;
	static final int MAX_KEY_BYTES = 65535;

	private PskLimits() {
	}

	/**
	 * Encodes an identity as UTF-8 and checks its length.
	 *
	 * @throws IllegalArgumentException if the identity contains an unpaired surrogate or its UTF-8 form is empty
	 *     or longer than 65535 bytes
	 */
	static byte[] encodeIdentity(String identity) {
		ByteBuffer encoded;
		try {
			encoded = StandardCharsets.UTF_8.newEncoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.encode(CharBuffer.wrap(identity));
		} catch (CharacterCodingException e) {
			throw new IllegalArgumentException("PSK identity '" + identity + "' contains an unpaired UTF-16"
					+ " surrogate, so it has no UTF-8 form. Use valid Unicode text.", e);
		}
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		if (bytes.length == 0) {
			throw new IllegalArgumentException("PSK identity is empty. An identity must be 1 to "
					+ MAX_IDENTITY_BYTES + " bytes in UTF-8.");
		}
		if (bytes.length > MAX_IDENTITY_BYTES) {
			throw new IllegalArgumentException("PSK identity is " + bytes.length + " bytes in UTF-8, but an"
					+ " identity must be 1 to " + MAX_IDENTITY_BYTES + " bytes. Use a shorter identity.");
		}
		return bytes;
	}

	/**
	 * Checks the length of a key without showing its content in the message.
	 *
	 * @throws IllegalArgumentException if the key is empty or longer than 65535 bytes
	 */
	static void checkKey(byte[] key, String identity) {
		if (key.length == 0) {
			throw new IllegalArgumentException("PSK for identity '" + identity + "' is empty. Set a key of 1 to "
					+ MAX_KEY_BYTES + " bytes.");
		}
		if (key.length > MAX_KEY_BYTES) {
			throw new IllegalArgumentException("PSK for identity '" + identity + "' is " + key.length
					+ " bytes, but a key must be 1 to " + MAX_KEY_BYTES + " bytes.");
		}
	}
}
