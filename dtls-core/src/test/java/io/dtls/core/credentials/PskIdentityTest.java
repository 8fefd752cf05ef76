package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PskIdentityTest {

	@Test
	void identityBytesAreUtf8() {
		PskIdentity psk = PskIdentity.of("gerät-7", new byte[] {1});

		assertThat(psk.identity()).isEqualTo("gerät-7");
		assertThat(psk.identityBytes()).isEqualTo("gerät-7".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void sourceKeyCopied() {
		byte[] key = {1, 2, 3};
		PskIdentity psk = PskIdentity.of("device-1", key);

		key[0] = 99;

		assertThat(psk.key()).containsExactly(1, 2, 3);
	}

	@Test
	void returnedKeyCopied() {
		PskIdentity psk = PskIdentity.of("device-1", new byte[] {1, 2, 3});

		psk.key()[0] = 99;

		assertThat(psk.key()).containsExactly(1, 2, 3);
	}

	@Test
	void returnedIdentityBytesCopied() {
		PskIdentity psk = PskIdentity.of("device-1", new byte[] {1});

		psk.identityBytes()[0] = 'X';

		assertThat(psk.identityBytes()).isEqualTo("device-1".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void toStringHidesKey() {
		PskIdentity psk = PskIdentity.of("device-1", "topsecret".getBytes(StandardCharsets.UTF_8));

		String text = psk.toString();

		assertThat(text).isEqualTo("PskIdentity[identity=device-1, key=9 bytes]");
		assertThat(text).doesNotContain("topsecret");
	}

	@Test
	void emptyIdentityRejected() {
		assertThatThrownBy(() -> PskIdentity.of("", new byte[] {1}))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("identity is empty");
	}

	@Test
	void emptyKeyRejected() {
		assertThatThrownBy(() -> PskIdentity.of("device-1", new byte[0]))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("is empty");
	}

	@Test
	void oversizedIdentityRejected() {
		assertThatThrownBy(() -> PskIdentity.of("a".repeat(65536), new byte[] {1}))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("1 to 65535 bytes");
	}
}
