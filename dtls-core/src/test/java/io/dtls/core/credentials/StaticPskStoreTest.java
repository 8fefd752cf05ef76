package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticPskStoreTest {

	private static final byte[] KEY = {1, 2, 3, 4};

	@Test
	void knownIdentityReturnsKey() {
		StaticPskStore store = StaticPskStore.of(Map.of("device-1", KEY));

		assertThat(store.getKey("device-1")).containsExactly(1, 2, 3, 4);
	}

	@Test
	void unknownIdentityReturnsNull() {
		StaticPskStore store = StaticPskStore.of(Map.of("device-1", KEY));

		assertThat(store.getKey("device-2")).isNull();
	}

	@Test
	void emptyStoreReturnsNull() {
		StaticPskStore store = StaticPskStore.of(Map.of());

		assertThat(store.getKey("device-1")).isNull();
	}

	@Test
	void sourceKeyCopied() {
		byte[] key = KEY.clone();
		StaticPskStore store = StaticPskStore.of(Map.of("device-1", key));

		key[0] = 99;

		assertThat(store.getKey("device-1")).containsExactly(1, 2, 3, 4);
	}

	@Test
	void returnedKeyCopied() {
		StaticPskStore store = StaticPskStore.of(Map.of("device-1", KEY));

		store.getKey("device-1")[0] = 99;

		assertThat(store.getKey("device-1")).containsExactly(1, 2, 3, 4);
	}

	@Test
	void sourceMapCopied() {
		Map<String, byte[]> keys = new HashMap<>(Map.of("device-1", KEY));
		StaticPskStore store = StaticPskStore.of(keys);

		keys.put("device-2", KEY);

		assertThat(store.getKey("device-2")).isNull();
	}

	@Test
	void emptyKeyRejected() {
		assertThatThrownBy(() -> StaticPskStore.of(Map.of("device-1", new byte[0])))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'device-1'")
				.hasMessageContaining("is empty");
	}

	@Test
	void oversizedKeyRejected() {
		assertThatThrownBy(() -> StaticPskStore.of(Map.of("device-1", new byte[65536])))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("65535");
	}

	@Test
	void emptyIdentityRejected() {
		assertThatThrownBy(() -> StaticPskStore.of(Map.of("", KEY)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("identity is empty")
				.hasMessageContaining("65535 bytes");
	}

	@Test
	void maximumIdentityAccepted() {
		String identity = "a".repeat(65535);

		StaticPskStore store = StaticPskStore.of(Map.of(identity, KEY));

		assertThat(store.getKey(identity)).containsExactly(1, 2, 3, 4);
	}

	@Test
	void oversizedIdentityRejected() {
		assertThatThrownBy(() -> StaticPskStore.of(Map.of("a".repeat(65536), KEY)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("65536 bytes")
				.hasMessageContaining("1 to 65535 bytes");
	}

	@Test
	void identityLimitCountsUtf8Bytes() {
		// 21846 euro signs are 21846 characters but 65538 bytes in UTF-8.
		String identity = "\u20ac".repeat(21846);

		assertThatThrownBy(() -> StaticPskStore.of(Map.of(identity, KEY)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("65538 bytes");
	}

	@Test
	void unpairedSurrogateRejected() {
		assertThatThrownBy(() -> StaticPskStore.of(Map.of("device\ud800", KEY)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("unpaired UTF-16 surrogate");
	}

	@Test
	void toStringHidesKeys() {
		StaticPskStore store = StaticPskStore.of(Map.of("device-1", "secret".getBytes()));

		assertThat(store.toString()).isEqualTo("StaticPskStore[1 identity]");
	}

	@Test
	void usableAsLambdaStore() {
		PskStore store = identity -> identity.equals("device-1") ? KEY.clone() : null;

		assertThat(store.getKey("device-1")).containsExactly(1, 2, 3, 4);
	}
}
