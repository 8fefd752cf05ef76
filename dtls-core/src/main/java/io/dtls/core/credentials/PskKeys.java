package io.dtls.core.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Parser for pre-shared keys in the forms that users write in configuration files.
 *
 * @since 0.1.0
 */
public final class PskKeys {

	private static final String HEX_PREFIX = "hex:";
	private static final String BASE64_PREFIX = "base64:";
	private static final String ACCEPTED_FORMS =
			"Accepted forms are 'hex:' followed by hexadecimal digits, 'base64:' followed by Base64 text, or plain"
					+ " text without a prefix, which is used as its UTF-8 bytes.";

	private PskKeys() {
	}

	/**
	 * Parses a key from text.
	 *
	 * <ul>
	 *   <li>{@code hex:0a0b...} is decoded as hexadecimal, with an even number of digits in either letter case.</li>
	 *   <li>{@code base64:...} is decoded as standard Base64 (RFC 4648 section 4). Padding is optional.</li>
	 *   <li>Any other text is used as its UTF-8 bytes.</li>
	 * </ul>
	 * The prefixes are matched in any letter case. Whitespace around a hexadecimal or Base64 value is ignored, but
	 * plain text is used exactly as given. To use a plain-text key that itself starts with {@code hex:} or
	 * {@code base64:}, write it in one of the encoded forms.
	 *
	 * @param text the key as written in a configuration file
	 * @return the key bytes, never empty
	 * @throws IllegalArgumentException if an encoded value is invalid or the key is empty. The message never
	 *     contains the key.
	 */
	public static byte[] parse(String text) {
		Objects.requireNonNull(text, "text");
		String lowerCase = text.toLowerCase(Locale.ROOT);
		byte[] key;
		if (lowerCase.startsWith(HEX_PREFIX)) {
			key = parseHex(text.substring(HEX_PREFIX.length()).strip());
		} else if (lowerCase.startsWith(BASE64_PREFIX)) {
			key = parseBase64(text.substring(BASE64_PREFIX.length()).strip());
		} else {
			key = text.getBytes(StandardCharsets.UTF_8);
		}
		if (key.length == 0) {
			throw new IllegalArgumentException("PSK is empty. " + ACCEPTED_FORMS);
		}
		return key;
	}

	private static byte[] parseHex(String digits) {
		try {
			return HexFormat.of().parseHex(digits);
		} catch (IllegalArgumentException e) {
			// The exception from HexFormat quotes the input, so it is not kept as the cause.
			throw new IllegalArgumentException("Invalid PSK: the value after 'hex:' must be an even number of"
					+ " hexadecimal digits (0-9, a-f). " + ACCEPTED_FORMS);
		}
	}

	private static byte[] parseBase64(String encoded) {
		try {
			return Base64.getDecoder().decode(encoded);
		} catch (IllegalArgumentException e) {
			// The exception from the decoder names the offending character, so it is not kept as the cause.
			throw new IllegalArgumentException("Invalid PSK: the value after 'base64:' is not valid Base64."
					+ " " + ACCEPTED_FORMS);
		}
	}
}
