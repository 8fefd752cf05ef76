package io.dtls.core.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's client against {@code gnutls-serv --udp --echo}, the DTLS echo server of the
 * GnuTLS command-line tools, which sends a HelloVerifyRequest before every handshake.
 * <p>
 * gnutls-serv has no option to choose its address, so it listens on the wildcard addresses of
 * both families. The client connects only to 127.0.0.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropGnuTlsServerTest {

	private static final TestPki pki = TestPki.create("gnutls-server-test-root");

	private static final byte[] PSK = "gnutls-server-key".getBytes(StandardCharsets.US_ASCII);

	/** The priority string that adds plain PSK, ECDHE-PSK and AES-128-CCM-8 to the defaults. */
	private static final String PSK_PRIORITY = "NORMAL:+PSK:+ECDHE-PSK:+AES-128-CCM-8";

	@TempDir
	Path directory;

	private ExternalProcess server;

	private int port;

	private DtlsClient client;

	@BeforeEach
	void requireGnuTls() {
		ExternalProcess.assumeOnPath("gnutls-serv", "gnutls-bin");
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
				this.server.close();
			}
		}
	}

	@Test
	void ecdsaCertificate() throws Exception {
		startServer(certificate(pki.server(false)));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		assertEcho(connection, "hello over ECDSA");
		assertThat(connection.session().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
	}

	@Test
	void rsaCertificate() throws Exception {
		startServer(certificate(pki.server(true)));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		assertEcho(connection, "hello over RSA");
		assertThat(connection.session().cipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_");
	}

	// NOTE: a client without a certificate is not tested against gnutls-serv, because gnutls-serv
	// 3.7.9 sends no alert after "Error in handshake(): No certificate was found." and then loops
	// printing "Waiting for connection..." (tens of MB per second), with gnutls-cli as client too.
	@Test
	void clientCertificate() throws Exception {
		startServer(requireClientCertificate());
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()).credentials(pki.client("device-7")));

		assertEcho(connection, "hello with a client certificate");
	}

	@Test
	void pskWithCcm8() throws Exception {
		startServer(psk());
		DtlsConnection connection = connect(
				DtlsClient.builder().pskIdentity(PskIdentity.of("sensor-1", PSK)).cipherSuites("TLS_PSK_WITH_AES_128_CCM_8"));

		assertEcho(connection, "hello over PSK");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
	}

	@Test
	void ecdhePskWithChaCha20() throws Exception {
		startServer(psk());
		DtlsConnection connection = connect(DtlsClient.builder()
			.pskIdentity(PskIdentity.of("sensor-1", PSK))
			.cipherSuites("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"));

		assertEcho(connection, "hello over ECDHE-PSK");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
	}

	private List<String> certificate(X509Credentials credentials) throws Exception {
		List<Path> files = PemFiles.writeCredentials(this.directory, "server", credentials);
		return new ArrayList<>(List.of("--x509certfile", files.get(0).toString(), "--x509keyfile",
				files.get(1).toString()));
	}

	private List<String> requireClientCertificate() throws Exception {
		List<String> options = certificate(pki.server(false));
		Path caFile = PemFiles.writeCertificate(this.directory.resolve("ca.crt"), pki.root());
		options.addAll(List.of("--require-client-cert", "--verify-client-cert", "--x509cafile", caFile.toString()));
		return options;
	}

	/**
	 * Returns the options for a PSK server that accepts the identity sensor-1. A line of the
	 * password file contains an identity and its key in hex, separated by a colon.
	 */
	private List<String> psk() throws Exception {
		Path passwords = Files.writeString(this.directory.resolve("psk.passwd"),
				"sensor-1:" + HexFormat.of().formatHex(PSK) + "\n");
		return new ArrayList<>(List.of("--pskpasswd", passwords.toString(), "--pskhint", "gnutls-hint", "--priority",
				PSK_PRIORITY));
	}

	/**
	 * Starts gnutls-serv on a free port and waits until it listens on IPv4. When another process
	 * took the port between the choice and the bind, gnutls-serv reports "bind() failed" and goes
	 * on with IPv6 only, so this tries up to three ports.
	 */
	private void startServer(List<String> options) throws Exception {
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.port = ExternalProcess.freeUdpPort("127.0.0.1");
			List<String> command = new ArrayList<>(List.of("gnutls-serv", "--udp", "--echo", "-p",
					String.valueOf(this.port)));
			command.addAll(options);
			this.server = ExternalProcess.start(this.directory, "gnutls-serv-" + attempt, command);
			String seen = this.server.awaitAnyOutput(readyLine(), "bind() failed");
			if (readyLine().equals(seen) || attempt == 3) {
				break;
			}
			this.server.close();
		}
		assertThat(this.server.output()).as("gnutls-serv listens on IPv4%n%s", this.server.describe())
			.contains(readyLine());
	}

	private String readyLine() {
		return "IPv4 0.0.0.0 port " + this.port + "...done";
	}

	private DtlsConnection connect(DtlsClientBuilder builder) {
		this.client = builder.connectTimeout(ExternalProcess.DEADLINE).build();
		return this.client.connect("127.0.0.1", this.port);
	}

	/**
	 * Sends a message and checks that gnutls-serv echoes it.
	 */
	private void assertEcho(DtlsConnection connection, String message) throws Exception {
		connection.send(message.getBytes(StandardCharsets.UTF_8));

		byte[] received = connection.receive(ExternalProcess.DEADLINE);
		assertThat(received).as("echo of '%s'%n%s", message, this.server.describe()).isNotNull();
		assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(message);
	}

}
