package io.dtls.core.server;

import java.time.Duration;
import java.util.Map;

import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Invalid server settings fail at build time with a message that names the setting.
 */
class DtlsServerBuilderTest {

	private static final TestPki pki = TestPki.create("builder-test-root");

	@Test
	void missingCredentials() {
		assertThatExceptionOfType(DtlsConfigurationException.class).isThrownBy(() -> DtlsServer.builder().build())
			.withMessageContaining("credentials(...)")
			.withMessageContaining("pskStore(...)");
	}

	@Test
	void clientAuthWithoutTrust() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder().credentials(pki.server(false)).clientAuth(ClientAuth.NEED).build())
			.withMessageContaining("clientAuth NEED")
			.withMessageContaining("trust(...)");
	}

	@Test
	void suitesUnusableWithCredentials() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder()
				.credentials(pki.server(false))
				.cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
				.build())
			.withMessageContaining("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
			.withMessageContaining("key type");
	}

	@Test
	void pskSuitesWithoutPskStore() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder()
				.credentials(pki.server(false))
				.cipherSuites("TLS_PSK_WITH_AES_128_CCM_8")
				.build())
			.withMessageContaining("pskStore");
	}

	@Test
	void nonPositiveLimit() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder().pskStore(StaticPskStore.of(Map.of("a", new byte[16]))).maxHandshakes(0).build())
			.withMessage("maxHandshakes must be positive, but was 0");
	}

	@Test
	void datagramSizeOutOfRange() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder().credentials(pki.server(false)).maxDatagramSize(100).build())
			.withMessageContaining("maxDatagramSize")
			.withMessageContaining("100");
	}

	@Test
	void zeroHandshakeTimeout() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder().credentials(pki.server(false)).handshakeTimeout(Duration.ZERO).build())
			.withMessageContaining("handshakeTimeout");
	}

	@Test
	void portInUse() throws Exception {
		try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
			DtlsServer server = DtlsServer.builder()
				.bindAddress(new java.net.InetSocketAddress("127.0.0.1", taken.getLocalPort()))
				.credentials(pki.server(false))
				.build();
			assertThatExceptionOfType(io.dtls.core.DtlsException.class).isThrownBy(server::start)
				.withMessageContaining(String.valueOf(taken.getLocalPort()))
				.withMessageContaining("choose a free port");
		}
	}

}
