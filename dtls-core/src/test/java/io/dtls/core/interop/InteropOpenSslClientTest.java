package io.dtls.core.interop;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsSession;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's server against {@code openssl s_client -dtls1_2}, the DTLS client of the
 * OpenSSL command-line tool.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropOpenSslClientTest {

	private static final TestPki pki = TestPki.create("openssl-client-test-root");

	private static final byte[] PSK = "openssl-interop-key".getBytes(StandardCharsets.US_ASCII);

	private static final String PSK_HEX = HexFormat.of().formatHex(PSK);

	private static final long HANDLER_WAIT_MILLIS = ExternalProcess.DEADLINE.toMillis();

	@TempDir
	Path directory;

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private ExternalProcess client;

	@BeforeEach
	void requireOpenSsl() {
		ExternalProcess.assumeOnPath("openssl", "openssl");
	}

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.client != null) {
				this.client.close();
			}
		}
		finally {
			if (this.server != null) {
				this.server.stop(Duration.ofSeconds(5));
			}
		}
	}

	@Test
	void ecdsaCertificate() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)));
		startClient(verifyServer());

		assertEcho("hello over ECDSA");
		assertThat(serverSession().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
	}

	@Test
	void rsaCertificate() throws Exception {
		startServer((server) -> server.credentials(pki.server(true)));
		startClient(verifyServer());

		assertEcho("hello over RSA");
		assertThat(serverSession().cipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_");
	}

	@Test
	void clientAnswersHelloVerifyRequest() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)));
		startClient(verifyServer());

		assertEcho("hello after the cookie exchange");
		assertThat(this.server.statistics().helloVerifyRequests()).as(this.client.describe()).isGreaterThanOrEqualTo(1);
		assertThat(this.server.statistics().handshakesCompleted()).as(this.client.describe()).isEqualTo(1);
	}

	@Test
	void clientRejectsUntrustedServer() throws Exception {
		// s_client ends the handshake with a fatal certificate alert, which the engine counts as an
		// untrusted certificate.
		TestPki otherPki = TestPki.create("openssl-client-other-root");
		startServer((server) -> server.credentials(otherPki.server(false)));
		startClient(verifyServer());

		assertHandshakeFailed(HandshakeFailure.UNTRUSTED_CERTIFICATE);
	}

	@Test
	void pskWithCcm8() throws Exception {
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-1", PSK))));
		startClient("-psk_identity", "sensor-1", "-psk", PSK_HEX, "-cipher", "PSK-AES128-CCM8");

		assertEcho("hello over PSK");
		assertThat(serverSession().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
		assertThat(serverSession().pskIdentity()).isEqualTo("sensor-1");
	}

	@Test
	void ecdhePskWithChaCha20() throws Exception {
		// OpenSSL 3.0 has no ECDHE_PSK suite with AES-GCM or AES-CCM, so this is the one AEAD suite
		// of that key exchange that the engine and OpenSSL share.
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-2", PSK))));
		startClient("-psk_identity", "sensor-2", "-psk", PSK_HEX, "-cipher", "ECDHE-PSK-CHACHA20-POLY1305");

		assertEcho("hello over ECDHE-PSK");
		assertThat(serverSession().cipherSuite()).isEqualTo("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
	}

	@Test
	void unknownPskIdentityRejected() throws Exception {
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-3", PSK))));
		startClient("-psk_identity", "sensor-unknown", "-psk", PSK_HEX, "-cipher", "PSK-AES128-CCM8");

		assertHandshakeFailed(HandshakeFailure.PSK_REJECTED);
	}

	@Test
	void wrongPskKeyRejected() throws Exception {
		// Under the wrong key, the server cannot authenticate the client's Finished record, and
		// DTLS discards such records silently (RFC 6347 4.1.2.7), so the handshake ends when the
		// server's handshake timeout expires.
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-4", PSK)))
			.handshakeTimeout(Duration.ofSeconds(3)));
		startClient("-psk_identity", "sensor-4", "-psk", "00112233445566778899aabbccddeeff", "-cipher",
				"PSK-AES128-CCM8");

		assertHandshakeFailed(HandshakeFailure.TIMEOUT);
	}

	@Test
	void clientCertificate() throws Exception {
		List<Path> device = PemFiles.writeCredentials(this.directory, "device", pki.client("device-7"));
		startServer((server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		startClient(verifyServer("-cert", device.get(0).toString(), "-key", device.get(1).toString()));

		assertEcho("hello with a client certificate");
		assertThat(serverSession().peerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	@Test
	void missingClientCertificateRejected() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		startClient(verifyServer());

		assertHandshakeFailed(HandshakeFailure.CLIENT_CERTIFICATE_REQUIRED);
	}

	@Test
	void closeNotifyFromClient() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)));
		startClient(verifyServer());
		assertEcho("hello before close_notify");

		this.client.closeStdin();

		assertThat(this.handler.nextCloseReason(HANDLER_WAIT_MILLIS)).as(this.client.describe())
			.isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		assertThat(this.client.awaitExit()).as(this.client.describe()).isTrue();
		assertThat(this.client.exitValue()).as(this.client.describe()).isZero();
	}

	@Test
	void closeNotifyFromServer() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)));
		startClient(verifyServer());
		assertEcho("hello before the server closes");

		this.handler.firstConnection().close();

		assertThat(this.client.awaitExit()).as(this.client.describe()).isTrue();
		// s_client prints "closed" on a line of its own when it reads close_notify.
		assertThat(this.client.output().lines()).as(this.client.describe()).contains("closed");
	}

	@Test
	void localCloseKeepsLocalReason() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)));
		// The race is timing-dependent, so several connections make a failure likely.
		for (int round = 1; round <= 10; round++) {
			startClient(verifyServer());
			assertEcho("hello in round " + round);
			DtlsConnection connection = this.handler.connections().get(round - 1);

			connection.close();

			assertThat(this.client.awaitExit()).as(this.client.describe()).isTrue();
			assertThat(this.handler.nextCloseReason(HANDLER_WAIT_MILLIS)).as("close reason in round %d", round)
				.isEqualTo(CloseReason.CLOSED_LOCALLY);
			assertThat(connection.closeReason()).as("close reason in round %d", round)
				.isEqualTo(CloseReason.CLOSED_LOCALLY);
			this.client.close();
		}
	}

	private void startServer(Consumer<DtlsServerBuilder> setup) {
		DtlsServerBuilder builder = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.handshakeTimeout(Duration.ofSeconds(10))
			.handler(this.handler);
		setup.accept(builder);
		this.server = builder.build();
		this.server.start();
	}

	/**
	 * Returns the s_client options that verify the server certificate against the test CA and
	 * the name localhost, followed by {@code extraOptions}.
	 */
	private String[] verifyServer(String... extraOptions) throws Exception {
		Path caFile = PemFiles.writeCertificate(this.directory.resolve("ca.crt"), pki.root());
		List<String> options = new ArrayList<>(List.of("-CAfile", caFile.toString(), "-verify_return_error",
				"-verify_hostname", "localhost", "-servername", "localhost"));
		options.addAll(List.of(extraOptions));
		return options.toArray(String[]::new);
	}

	/**
	 * Starts s_client against the server. Without {@code -quiet}, it prints the handshake
	 * summary for failure messages and sends close_notify when its stdin ends. The option
	 * {@code -nocommands} keeps it from reading lines such as "Q" as commands.
	 */
	private void startClient(String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-dtls1_2", "-connect",
				"127.0.0.1:" + this.server.localAddress().getPort(), "-nocommands"));
		command.addAll(List.of(options));
		this.client = ExternalProcess.start(this.directory, "s_client", command);
	}

	/**
	 * Sends a line through s_client and checks that the server received it and that its echo
	 * came back to s_client.
	 */
	private void assertEcho(String line) throws Exception {
		this.client.writeLine(line);

		byte[] received = this.handler.nextMessage(HANDLER_WAIT_MILLIS);
		assertThat(received).as(this.client.describe()).isNotNull();
		assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(line + "\n");
		assertThat(this.client.awaitOutput(line)).as("s_client prints the echo of '%s'%n%s", line, this.client.describe())
			.isTrue();
	}

	/**
	 * Checks that s_client gave up with an error, that the server counted exactly one failed
	 * handshake, of the kind {@code expected}, and that no connection opened.
	 */
	private void assertHandshakeFailed(HandshakeFailure expected) throws Exception {
		assertThat(this.client.awaitExit()).as("s_client exits%n%s", this.client.describe()).isTrue();
		assertThat(this.client.exitValue()).as(this.client.describe()).isNotZero();
		DtlsStatistics statistics = this.server.statistics();
		boolean counted = ExternalProcess.await(() -> statistics.handshakesFailed() == 1, ExternalProcess.DEADLINE);
		assertThat(counted).as("server counts one failed handshake, counted %s%n%s", failureCounts(statistics),
				this.client.describe())
			.isTrue();
		assertThat(statistics.handshakesFailed(expected)).as("counted %s%n%s", failureCounts(statistics),
				this.client.describe())
			.isEqualTo(1);
		assertThat(this.handler.connections()).isEmpty();
	}

	private static Map<HandshakeFailure, Long> failureCounts(DtlsStatistics statistics) {
		Map<HandshakeFailure, Long> counts = new EnumMap<>(HandshakeFailure.class);
		for (HandshakeFailure failure : HandshakeFailure.values()) {
			if (statistics.handshakesFailed(failure) > 0) {
				counts.put(failure, statistics.handshakesFailed(failure));
			}
		}
		return counts;
	}

	private DtlsSession serverSession() {
		return this.handler.firstConnection().session();
	}

}
