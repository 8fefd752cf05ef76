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
 * The engine's server against {@code gnutls-cli --udp}, the DTLS client of the GnuTLS
 * command-line tools. gnutls-cli sends each line read from stdin and prints what it receives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropGnuTlsClientTest {

	private static final TestPki pki = TestPki.create("gnutls-client-test-root");

	private static final byte[] PSK = "gnutls-interop-key".getBytes(StandardCharsets.US_ASCII);

	private static final String PSK_HEX = HexFormat.of().formatHex(PSK);

	/** The priority string for DTLS 1.2 with plain PSK and AES-128-CCM-8, a cipher NORMAL leaves out. */
	private static final String PSK_CCM8_PRIORITY = "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-CCM-8";

	// NOTE: ECDHE-PSK is not covered here because gnutls-cli 3.7.9 (Debian 12) crashed with SIGSEGV
	// in each ECDHE-PSK handshake tried: against the engine, against gnutls-serv, and over TLS 1.2 on TCP.

	private static final long HANDLER_WAIT_MILLIS = ExternalProcess.DEADLINE.toMillis();

	@TempDir
	Path directory;

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private ExternalProcess client;

	@BeforeEach
	void requireGnuTls() {
		ExternalProcess.assumeOnPath("gnutls-cli", "gnutls-bin");
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
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(false)));
		startClient("127.0.0.1", verifyServer());

		assertEcho("hello over ECDSA");
		assertThat(serverSession().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
	}

	@Test
	void rsaCertificate() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(true)));
		startClient("127.0.0.1", verifyServer());

		assertEcho("hello over RSA");
		assertThat(serverSession().cipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_");
	}

	@Test
	void ipv6Loopback() throws Exception {
		startServer("::1", (server) -> server.credentials(pki.server(false)));
		startClient("::1", verifyServer());

		assertEcho("hello over IPv6");
		assertThat(serverSession().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
	}

	@Test
	void clientAnswersHelloVerifyRequest() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(false)));
		startClient("127.0.0.1", verifyServer());

		assertEcho("hello after the cookie exchange");
		assertThat(this.server.statistics().helloVerifyRequests()).as(this.client.describe()).isGreaterThanOrEqualTo(1);
		assertThat(this.server.statistics().handshakesCompleted()).as(this.client.describe()).isEqualTo(1);
	}

	@Test
	void clientRejectsUntrustedServer() throws Exception {
		TestPki otherPki = TestPki.create("gnutls-client-other-root");
		startServer("127.0.0.1", (server) -> server.credentials(otherPki.server(false)));
		startClient("127.0.0.1", verifyServer());

		assertHandshakeFailed(HandshakeFailure.UNTRUSTED_CERTIFICATE);
	}

	@Test
	void pskWithCcm8() throws Exception {
		startServer("127.0.0.1", (server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-1", PSK))));
		startClient("127.0.0.1", "--pskusername", "sensor-1", "--pskkey", PSK_HEX, "--priority", PSK_CCM8_PRIORITY);

		assertEcho("hello over PSK");
		assertThat(serverSession().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
		assertThat(serverSession().pskIdentity()).isEqualTo("sensor-1");
	}

	@Test
	void unknownPskIdentityRejected() throws Exception {
		startServer("127.0.0.1", (server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-3", PSK))));
		startClient("127.0.0.1", "--pskusername", "sensor-unknown", "--pskkey", PSK_HEX, "--priority",
				PSK_CCM8_PRIORITY);

		assertHandshakeFailed(HandshakeFailure.PSK_REJECTED);
	}

	@Test
	void clientCertificate() throws Exception {
		List<Path> device = PemFiles.writeCredentials(this.directory, "device", pki.client("device-7"));
		startServer("127.0.0.1",
				(server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		startClient("127.0.0.1", verifyServer("--x509certfile", device.get(0).toString(), "--x509keyfile",
				device.get(1).toString()));

		assertEcho("hello with a client certificate");
		assertThat(serverSession().peerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	@Test
	void missingClientCertificateRejected() throws Exception {
		startServer("127.0.0.1",
				(server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		startClient("127.0.0.1", verifyServer());

		assertHandshakeFailed(HandshakeFailure.CLIENT_CERTIFICATE_REQUIRED);
	}

	@Test
	void closeNotifyFromClient() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(false)));
		startClient("127.0.0.1", verifyServer());
		assertEcho("hello before close_notify");

		this.client.closeStdin();

		assertThat(this.handler.nextCloseReason(HANDLER_WAIT_MILLIS)).as(this.client.describe())
			.isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		assertThat(this.client.awaitExit()).as(this.client.describe()).isTrue();
		assertThat(this.client.exitValue()).as(this.client.describe()).isZero();
	}

	@Test
	void closeNotifyFromServer() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(false)));
		startClient("127.0.0.1", verifyServer());
		assertEcho("hello before the server closes");

		this.handler.firstConnection().close();

		assertThat(this.client.awaitOutput("Peer has closed the GnuTLS connection")).as(this.client.describe())
			.isTrue();
	}

	private void startServer(String address, Consumer<DtlsServerBuilder> setup) {
		DtlsServerBuilder builder = DtlsServer.builder()
			.bindAddress(new InetSocketAddress(address, 0))
			.handshakeTimeout(Duration.ofSeconds(10))
			.handler(this.handler);
		setup.accept(builder);
		this.server = builder.build();
		this.server.start();
	}

	/**
	 * Returns the gnutls-cli options that verify the server certificate against the test CA and
	 * the name localhost, followed by {@code extraOptions}. The client connects to a literal
	 * address, because localhost may resolve to an address family the server does not listen on.
	 */
	private String[] verifyServer(String... extraOptions) throws Exception {
		Path caFile = PemFiles.writeCertificate(this.directory.resolve("ca.crt"), pki.root());
		List<String> options = new ArrayList<>(List.of("--x509cafile", caFile.toString(), "--verify-hostname",
				"localhost", "--sni-hostname", "localhost"));
		options.addAll(List.of(extraOptions));
		return options.toArray(String[]::new);
	}

	private void startClient(String host, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("gnutls-cli", "--udp", "-p",
				String.valueOf(this.server.localAddress().getPort())));
		command.addAll(List.of(options));
		command.add(host);
		this.client = ExternalProcess.start(this.directory, "gnutls-cli", command);
	}

	/**
	 * Sends a line through gnutls-cli and checks that the server received it and that its echo
	 * came back to gnutls-cli.
	 */
	private void assertEcho(String line) throws Exception {
		this.client.writeLine(line);

		byte[] received = this.handler.nextMessage(HANDLER_WAIT_MILLIS);
		assertThat(received).as(this.client.describe()).isNotNull();
		assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(line + "\n");
		assertThat(this.client.awaitOutput(line)).as("gnutls-cli prints the echo of '%s'%n%s", line,
				this.client.describe())
			.isTrue();
	}

	/**
	 * Checks that gnutls-cli gave up with an error, that the server counted exactly one failed
	 * handshake, of the kind {@code expected}, and that no connection opened.
	 */
	private void assertHandshakeFailed(HandshakeFailure expected) throws Exception {
		assertThat(this.client.awaitExit()).as("gnutls-cli exits%n%s", this.client.describe()).isTrue();
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
