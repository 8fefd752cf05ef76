package io.dtls.core.interop;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.DtlsConnection;
import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DTLS 1.0 only with the legacy option: an OpenSSL client limited to DTLS 1.0 connects to a
 * server that enables it, over a CBC suite, and is refused by a server that does not.
 */
class InteropLegacyDtls10Test {

	private static final TestPki pki = TestPki.create("legacy-test-root");

	@TempDir
	Path directory;

	@BeforeEach
	void requireOpenSsl() {
		ExternalProcess.assumeOnPath("openssl", "openssl");
	}

	@Test
	void legacyServerAcceptsDtls10Client() throws Exception {
		CapturingHandler handler = new CapturingHandler();
		try (DtlsServer server = server(true, handler);
				ExternalProcess client = sClient(server.localAddress().getPort())) {
			client.writeLine("from a DTLS 1.0 client");
			assertThat(client.awaitOutput("from a DTLS 1.0 client")).as(client.describe()).isTrue();
			DtlsConnection connection = handler.firstConnection();
			assertThat(connection.session().protocol()).isEqualTo("DTLSv1.0");
			assertThat(DtlsCipherSuite.forName(connection.session().cipherSuite()).isLegacy()).isTrue();
		}
	}

	@Test
	void defaultServerRejectsDtls10Client() throws Exception {
		CapturingHandler handler = new CapturingHandler();
		try (DtlsServer server = server(false, handler);
				ExternalProcess client = sClient(server.localAddress().getPort())) {
			assertThat(client.awaitExit()).as(client.describe()).isTrue();
			assertThat(handler.connections()).isEmpty();
			assertThat(client.output()).contains("alert");
		}
	}

	@Test
	void legacySuiteWithoutLegacyOptionRejected() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsServer.builder()
				.credentials(pki.server(false))
				.cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")
				.build())
			.withMessageContaining("legacyDtls10(true)");
	}

	private static DtlsServer server(boolean legacy, CapturingHandler handler) {
		DtlsServer server = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.credentials(pki.server(false))
			.legacyDtls10(legacy)
			.handshakeTimeout(Duration.ofSeconds(5))
			.handler(handler)
			.build();
		server.start();
		return server;
	}

	private ExternalProcess sClient(int port) throws Exception {
		// OpenSSL 3 allows DTLS 1.0 and SHA-1 suites only at security level 0.
		return ExternalProcess.start(this.directory, "s_client",
				List.of("openssl", "s_client", "-dtls1", "-connect", "127.0.0.1:" + port, "-cipher",
						"ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0", "-nocommands"));
	}

}
