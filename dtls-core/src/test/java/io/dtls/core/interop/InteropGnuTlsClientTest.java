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
 * The engine's server against {@code gnutls-cli --udp}, the DTLS client of the GnuTLS
 * command-line tools. gnutls-cli sends each line read from stdin and prints what it receives.
 * Every test runs with both demultiplexers, on IPv4 and IPv6.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@MethodSource("io.dtls.core.support.TransportCase#all")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropGnuTlsClientTest {

	private static final TestPki pki = TestPki.create("gnutls-client-test-root");

	private static final byte[] PSK = "gnutls-interop-key".getBytes(StandardCharsets.US_ASCII);

	private static final String PSK_HEX = HexFormat.of().formatHex(PSK);

	private static final String PSK_CCM8_PRIORITY = InteropSuite.PSK_AES_128_CCM_8.gnuTlsPriority();

	/**
	 * The debug level at which gnutls-cli logs "Selected cipher suite" with the GnuTLS name of
	 * the suite, which it otherwise does not print.
	 */
	private static final String DEBUG_LEVEL = "4";

	private static final long HANDLER_WAIT_MILLIS = ExternalProcess.DEADLINE.toMillis();

	@Parameter
	TransportCase transport;

	@TempDir
	Path directory;

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private ExternalProcess client;

	@BeforeEach
	void requireGnuTls() {
		ExternalProcess.assumeOnPath("gnutls-cli", "gnutls-bin");
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

	// NOTE: TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 is left out, because gnutls-cli 3.7.9
	// (Debian 12) crashes with SIGSEGV in gnutls_psk_server_get_username after each ECDHE-PSK
	// handshake, also against gnutls-serv and over TLS 1.2 on TCP.
	@ParameterizedTest(name = "{0}")
	@EnumSource(value = InteropSuite.class, mode = EnumSource.Mode.EXCLUDE, names = "ECDHE_PSK_CHACHA20")
	void cipherSuite(InteropSuite suite) throws Exception {
		startServer((server) -> suite.configure(server, pki, PSK));
		if (suite.usesPsk()) {
			startClient("-d", DEBUG_LEVEL, "--pskusername", InteropSuite.PSK_IDENTITY, "--pskkey", PSK_HEX,
					"--priority", suite.gnuTlsPriority());
		}
		else {
			startClient(verifyServer("-d", DEBUG_LEVEL, "--priority", suite.gnuTlsPriority()));
		}

		assertEcho("hello over " + suite);
		assertCipherSuite(suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// The engine, limited to 512-byte datagrams, splits its Certificate message into
		// fragments, and gnutls-cli reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		startServer((server) -> server.credentials(large).maxDatagramSize(512));
		startClient(verifyServer("-d", DEBUG_LEVEL, "--priority", InteropSuite.ECDHE_RSA_AES_256_GCM.gnuTlsPriority()));

		assertEcho("hello after a fragmented certificate chain");
		assertCipherSuite(InteropSuite.ECDHE_RSA_AES_256_GCM);
		assertThat(this.client.output()).as(this.client.describe())
			.contains("Got a certificate list of 2 certificates.")
			.contains("subject `CN=" + LargeChain.LEAF_NAME + "'");
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
		TestPki otherPki = TestPki.create("gnutls-client-other-root");
		startServer((server) -> server.credentials(otherPki.server(false)));
		startClient(verifyServer());

		assertHandshakeFailed(HandshakeFailure.UNTRUSTED_CERTIFICATE);
	}

	@Test
	void unknownPskIdentityRejected() throws Exception {
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-3", PSK))));
		startClient("--pskusername", "sensor-unknown", "--pskkey", PSK_HEX, "--priority",
				PSK_CCM8_PRIORITY);

		assertHandshakeFailed(HandshakeFailure.PSK_REJECTED);
	}

	@Test
	void clientCertificate() throws Exception {
		List<Path> device = PemFiles.writeCredentials(this.directory, "device", pki.client("device-7"));
		startServer((server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		startClient(verifyServer("--x509certfile", device.get(0).toString(), "--x509keyfile",
				device.get(1).toString()));

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

		assertThat(this.client.awaitOutput("Peer has closed the GnuTLS connection")).as(this.client.describe())
			.isTrue();
	}

	private void startServer(Consumer<DtlsServerBuilder> setup) {
		this.server = EngineServers.start(this.transport, Duration.ofSeconds(10), this.handler, setup);
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

	private void startClient(String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("gnutls-cli", "--udp", "-p",
				String.valueOf(this.server.localAddress().getPort())));
		command.addAll(List.of(options));
		command.add(this.transport.host());
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
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2: the server's session and
	 * the debug log of gnutls-cli.
	 */
	private void assertCipherSuite(InteropSuite suite) throws Exception {
		assertThat(serverSession().protocol()).isEqualTo("DTLSv1.2");
		assertThat(serverSession().cipherSuite()).isEqualTo(suite.ianaName());
		if (suite.usesPsk()) {
			assertThat(serverSession().pskIdentity()).isEqualTo(InteropSuite.PSK_IDENTITY);
		}
		assertThat(this.client.awaitOutput("Selected cipher suite: " + suite.gnuTlsName()))
			.as(this.client.describe())
			.isTrue();
	}

	private void assertHandshakeFailed(HandshakeFailure expected) throws Exception {
		EngineServers.assertHandshakeFailed(this.server, this.handler, this.client, expected);
	}

	private DtlsSession serverSession() {
		return this.handler.firstConnection().session();
	}

}
