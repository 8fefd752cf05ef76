package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PskKeysTest {

	@Test
	void hexPrefixDecodes() {
		assertThat(PskKeys.parse("hex:0a0b0cff")).containsExactly(0x0a, 0x0b, 0x0c, 0xff);
	}

	@Test
	void hexDigitsIgnoreCase() {
		assertThat(PskKeys.parse("hex:0A0bFf")).containsExactly(0x0a, 0x0b, 0xff);
	}

	@Test
	void prefixIgnoresCase() {
		assertThat(PskKeys.parse("HEX:0102")).containsExactly(0x01, 0x02);
	}

	@Test
	void whitespaceAroundHexIgnored() {
		assertThat(PskKeys.parse("hex: 0102 ")).containsExactly(0x01, 0x02);
	}

	@Test
	void base64PrefixDecodes() {
		assertThat(PskKeys.parse("base64:AQIDBA==")).containsExactly(1, 2, 3, 4);
	}

	@Test
	void base64PaddingOptional() {
		assertThat(PskKeys.parse("base64:AQIDBA")).containsExactly(1, 2, 3, 4);
	}

	@Test
	void plainTextUsesUtf8() {
		assertThat(PskKeys.parse("pässwörd")).isEqualTo("pässwörd".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void plainTextKeepsWhitespace() {
		assertThat(PskKeys.parse(" secret ")).isEqualTo(" secret ".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void oddHexRejectedWithoutEcho() {
		assertThatThrownBy(() -> PskKeys.parse("hex:abc"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'hex:'")
				.hasMessageContaining("'base64:'")
				.hasMessageNotContaining("abc")
				.hasNoCause();
	}

	@Test
	void nonHexDigitRejectedWithoutEcho() {
		assertThatThrownBy(() -> PskKeys.parse("hex:zz11"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("hexadecimal digits")
				.hasMessageNotContaining("zz11");
	}

	@Test
	void invalidBase64RejectedWithoutEcho() {
		assertThatThrownBy(() -> PskKeys.parse("base64:se*cret"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("not valid Base64")
				.hasMessageNotContaining("se*cret")
				.hasNoCause();
	}

	@Test
	void emptyTextRejected() {
		assertThatThrownBy(() -> PskKeys.parse(""))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("PSK is empty");
	}

	@Test
	void emptyHexRejected() {
		assertThatThrownBy(() -> PskKeys.parse("hex:"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("PSK is empty");
	}
}
