package io.dtls.core.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TransportCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's server against {@code openssl s_client -dtls1_2}, the DTLS client of the
 * OpenSSL command-line tool. Every test runs with both demultiplexers, on IPv4 and IPv6.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@MethodSource("io.dtls.core.support.TransportCase#all")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropOpenSslClientTest {

	private static final TestPki pki = TestPki.create("openssl-client-test-root");

	private static final byte[] PSK = "openssl-interop-key".getBytes(StandardCharsets.US_ASCII);

	private static final String PSK_HEX = HexFormat.of().formatHex(PSK);

	private static final long HANDLER_WAIT_MILLIS = ExternalProcess.DEADLINE.toMillis();

	@Parameter
	TransportCase transport;

	@TempDir
	Path directory;

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private ExternalProcess client;

	@BeforeEach
	void requireOpenSsl() {
		ExternalProcess.assumeOnPath("openssl", "openssl");
		EngineServers.assumeSupported(this.transport);
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

	@ParameterizedTest(name = "{0}")
	@EnumSource(InteropSuite.class)
	void cipherSuite(InteropSuite suite) throws Exception {
		startServer((server) -> suite.configure(server, pki, PSK));
		if (suite.usesPsk()) {
			startClient("-psk_identity", InteropSuite.PSK_IDENTITY, "-psk", PSK_HEX, "-cipher", suite.openSslName());
		}
		else {
			startClient(verifyServer("-cipher", suite.openSslName()));
		}

		assertEcho("hello over " + suite);
		assertCipherSuite(suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// The engine, limited to 512-byte datagrams, splits its Certificate message into
		// fragments, and s_client reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		startServer((server) -> server.credentials(large).maxDatagramSize(512));
		startClient(verifyServer("-cipher", InteropSuite.ECDHE_RSA_AES_256_GCM.openSslName()));

		assertEcho("hello after a fragmented certificate chain");
		assertCipherSuite(InteropSuite.ECDHE_RSA_AES_256_GCM);
		// s_client lists the chain it received, one "s:" line with the subject per certificate.
		assertThat(this.client.output()).as(this.client.describe())
			.contains(" 0 s:CN = " + LargeChain.LEAF_NAME)
			.contains(" 1 s:CN = openssl-client-test-root");
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
	void unknownPskIdentityRejected() throws Exception {
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-3", PSK))));
		startClient("-psk_identity", "sensor-unknown", "-psk", PSK_HEX, "-cipher", "PSK-AES128-CCM8");

		assertHandshakeFailed(HandshakeFailure.PSK_REJECTED);
	}

	@Test
	void wrongPskKeyRejected() throws Exception {
		// Under the wrong key, the server cannot authenticate the client's Finished record, and
		// DTLS discards such records silently (RFC 6347 4.1.2.7), so the handshake ends when the
		// server's handshake timeout expires. The timeout is short because the test runs in four
		// transport cells.
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-4", PSK)))
			.handshakeTimeout(Duration.ofSeconds(1)));
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
		// The race is timing-dependent, so several connections make a failure likely. A round took
		// about half a second on loopback, most of it until s_client exited, so each transport
		// cell runs three rounds, twelve in all.
		for (int round = 1; round <= 3; round++) {
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
		this.server = EngineServers.start(this.transport, Duration.ofSeconds(10), this.handler, setup);
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
		String host = this.transport.ipv6() ? "[::1]" : "127.0.0.1";
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-dtls1_2", "-connect",
				host + ":" + this.server.localAddress().getPort(), "-nocommands"));
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
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2: the server's session and
	 * the summary that s_client prints after the handshake.
	 */
	private void assertCipherSuite(InteropSuite suite) throws Exception {
		assertThat(serverSession().protocol()).isEqualTo("DTLSv1.2");
		assertThat(serverSession().cipherSuite()).isEqualTo(suite.ianaName());
		if (suite.usesPsk()) {
			assertThat(serverSession().pskIdentity()).isEqualTo(InteropSuite.PSK_IDENTITY);
		}
		assertThat(this.client.awaitOutput("Cipher is " + suite.openSslName())).as(this.client.describe()).isTrue();
	}

	private void assertHandshakeFailed(HandshakeFailure expected) throws Exception {
		EngineServers.assertHandshakeFailed(this.server, this.handler, this.client, expected);
	}

	private DtlsSession serverSession() {
		return this.handler.firstConnection().session();
	}

}
