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
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TestPki;
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
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's client against {@code gnutls-serv --udp --echo}, the DTLS echo server of the
 * GnuTLS command-line tools, which sends a HelloVerifyRequest before every handshake.
 * <p>
 * gnutls-serv has no option to choose its address, so it listens on the wildcard addresses of
 * both families. Every test runs twice, with the client connecting to 127.0.0.1 and to ::1,
 * which the server certificates name.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@ValueSource(strings = { "127.0.0.1", "::1" })
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropGnuTlsServerTest {

	private static final TestPki pki = TestPki.create("gnutls-server-test-root");

	private static final byte[] PSK = "gnutls-server-key".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The debug level at which gnutls-serv logs "Selected cipher suite" with the GnuTLS name of
	 * the suite, which it otherwise does not print.
	 */
	private static final String DEBUG_LEVEL = "4";

	/**
	 * The largest datagram payload that gnutls-serv sends, in bytes, below the client's default
	 * maxDatagramSize of 1232 bytes.
	 */
	private static final int MTU = 1200;

	@Parameter
	String host;

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

	@ParameterizedTest(name = "{0}")
	@EnumSource(InteropSuite.class)
	void cipherSuite(InteropSuite suite) throws Exception {
		List<String> options = suite.usesPsk() ? psk()
				: certificate(suite.serverCredentials(pki));
		options.addAll(List.of("-d", DEBUG_LEVEL, "--priority", suite.gnuTlsPriority()));
		startServer(options);
		DtlsConnection connection = connect(suite.configure(DtlsClient.builder(), pki, PSK));

		assertEcho(connection, "hello over " + suite);
		assertCipherSuite(connection, suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// gnutls-serv splits its Certificate message into fragments that fit its MTU, and the
		// engine reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		List<String> options = certificate(large);
		options.addAll(List.of("-d", DEBUG_LEVEL, "--priority", InteropSuite.ECDHE_RSA_AES_256_GCM.gnuTlsPriority()));
		startServer(options);
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		assertEcho(connection, "hello after a fragmented certificate chain");
		assertCipherSuite(connection, InteropSuite.ECDHE_RSA_AES_256_GCM);
		LargeChain.assertReceived(this.client, connection, 2);
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
				InteropSuite.PSK_IDENTITY + ":" + HexFormat.of().formatHex(PSK) + "\n");
		return new ArrayList<>(List.of("--pskpasswd", passwords.toString(), "--pskhint", "gnutls-hint"));
	}

	/**
	 * Starts gnutls-serv on a free port and waits until it listens on the family of the test's
	 * address. When another process took the port between the choice and the bind, gnutls-serv
	 * reports "bind() failed" and goes on with the other family only, so this tries up to three
	 * ports.
	 */
	private void startServer(List<String> options) throws Exception {
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.port = ExternalProcess.freeUdpPort(this.host);
			List<String> command = new ArrayList<>(List.of("gnutls-serv", "--udp", "--echo", "--mtu",
					String.valueOf(MTU), "-p", String.valueOf(this.port)));
			command.addAll(options);
			this.server = ExternalProcess.start(this.directory, "gnutls-serv-" + attempt, command);
			String seen = this.server.awaitAnyOutput(readyLine(), "bind() failed");
			if (readyLine().equals(seen) || attempt == 3) {
				break;
			}
			this.server.close();
		}
		assertThat(this.server.output()).as("gnutls-serv listens%n%s", this.server.describe()).contains(readyLine());
	}

	private String readyLine() {
		String wildcard = this.host.contains(":") ? "IPv6 ::" : "IPv4 0.0.0.0";
		return wildcard + " port " + this.port + "...done";
	}

	private DtlsConnection connect(DtlsClientBuilder builder) {
		this.client = builder.connectTimeout(ExternalProcess.DEADLINE).build();
		return this.client.connect(this.host, this.port);
	}

	/**
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2: the client's session and
	 * the debug log of gnutls-serv.
	 */
	private void assertCipherSuite(DtlsConnection connection, InteropSuite suite) throws Exception {
		assertThat(connection.session().protocol()).isEqualTo("DTLSv1.2");
		assertThat(connection.session().cipherSuite()).isEqualTo(suite.ianaName());
		assertThat(this.server.awaitOutput("Selected cipher suite: " + suite.gnuTlsName()))
			.as(this.server.describe())
			.isTrue();
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
