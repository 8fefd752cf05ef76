package io.dtls.core.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsHandshakeException;
import io.dtls.core.HandshakeFailure;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine's client against {@code openssl s_server -dtls1_2 -listen}, the DTLS server of the
 * OpenSSL command-line tool. With {@code -listen}, s_server sends a HelloVerifyRequest before it
 * starts a handshake. It prints what it receives on stdout and sends each line typed on its
 * stdin to the client. Every test runs with s_server on 127.0.0.1 and on ::1, and the client
 * connects to that address literal, which the server certificates name.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@ValueSource(strings = { "127.0.0.1", "::1" })
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropOpenSslServerTest {

	private static final TestPki pki = TestPki.create("openssl-server-test-root");

	private static final byte[] PSK = "openssl-server-key".getBytes(StandardCharsets.US_ASCII);

	private static final Duration RECEIVE_TIMEOUT = ExternalProcess.DEADLINE;

	/**
	 * The link MTU for s_server, in bytes. Without it, s_server sent datagrams on loopback (MTU
	 * 65536) larger than the client's default maxDatagramSize of 1232 bytes, and shrank them only
	 * after several retransmissions.
	 */
	private static final int LINK_MTU = 1200;

	@Parameter
	String host;

	@TempDir
	Path directory;

	private ExternalProcess server;

	private int port;

	private DtlsClient client;

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
				this.server.close();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(InteropSuite.class)
	void cipherSuite(InteropSuite suite) throws Exception {
		List<String> options = suite.usesPsk() ? psk() : certificate(suite.serverCredentials(pki));
		options.addAll(List.of("-cipher", suite.openSslName()));
		startServer(options);
		DtlsConnection connection = connect(suite.configure(DtlsClient.builder(), pki, PSK));

		assertExchange(connection, suite.toString());
		assertCipherSuite(connection, suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// s_server splits its Certificate message into fragments that fit its link MTU, and the
		// engine reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		List<String> options = certificate(large);
		options.addAll(List.of("-cert_chain", caFile().toString(), "-cipher",
				InteropSuite.ECDHE_RSA_AES_256_GCM.openSslName()));
		startServer(options);
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		assertExchange(connection, "a fragmented certificate chain");
		assertCipherSuite(connection, InteropSuite.ECDHE_RSA_AES_256_GCM);
		LargeChain.assertReceived(this.client, connection, 2);
	}

	@Test
	void clientCertificate() throws Exception {
		List<String> options = certificate(pki.server(false));
		options.addAll(List.of("-Verify", "1", "-verify_return_error", "-CAfile", caFile().toString()));
		startServer(options);
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()).credentials(pki.client("device-7")));

		assertExchange(connection, "a client certificate");
		// s_server prints the subject of the client certificate it verified.
		assertThat(this.server.awaitOutput("subject=CN = device-7")).as(this.server.describe()).isTrue();
	}

	@Test
	void hostnameMismatch() throws Exception {
		X509Credentials otherHost = pki.issue("other-host", false, List.of("other.example"), List.of(),
				Duration.ofDays(1));
		startServer(certificate(otherHost));
		this.client = DtlsClient.builder().trust(pki.trust()).connectTimeout(ExternalProcess.DEADLINE).build();

		assertThatExceptionOfType(DtlsHandshakeException.class)
			.as(this.server.describe())
			.isThrownBy(() -> this.client.connect(this.host, this.port))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.HOSTNAME_MISMATCH));
	}

	@Test
	void hostnameMismatchSkippedWhenInsecure() throws Exception {
		X509Credentials otherHost = pki.issue("other-host", false, List.of("other.example"), List.of(),
				Duration.ofDays(1));
		startServer(certificate(otherHost));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()).insecureSkipHostnameVerification());

		assertExchange(connection, "a certificate for another host");
	}

	@Test
	void closeNotifyFromClient() throws Exception {
		startServer(certificate(pki.server(false)));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));
		assertExchange(connection, "close_notify");

		connection.close();

		// s_server prints DONE when SSL_read reports close_notify, and ERROR for any other failure.
		// Its stdin stays open here, so the DONE it also prints at the end of stdin cannot appear.
		assertThat(this.server.awaitOutput("DONE")).as(this.server.describe()).isTrue();
		assertThat(this.server.output()).as(this.server.describe()).doesNotContain("ERROR");
	}

	private List<String> certificate(X509Credentials credentials) throws Exception {
		List<Path> files = PemFiles.writeCredentials(this.directory, "server", credentials);
		return new ArrayList<>(List.of("-cert", files.get(0).toString(), "-key", files.get(1).toString()));
	}

	private List<String> psk() {
		return new ArrayList<>(List.of("-nocert", "-psk", HexFormat.of().formatHex(PSK), "-psk_identity",
				InteropSuite.PSK_IDENTITY, "-psk_hint", "openssl-hint"));
	}

	private Path caFile() throws Exception {
		return PemFiles.writeCertificate(this.directory.resolve("ca.crt"), pki.root());
	}

	/**
	 * Starts s_server on a free port of the test's address and waits until it prints ACCEPT,
	 * which it does once its socket is bound. A port taken between the choice and the bind
	 * makes s_server exit, so this tries three ports.
	 */
	private void startServer(List<String> options) throws Exception {
		String accept = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.port = ExternalProcess.freeUdpPort(this.host);
			List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-dtls1_2", "-listen", "-accept",
					accept + ":" + this.port, "-mtu", String.valueOf(LINK_MTU)));
			command.addAll(options);
			this.server = ExternalProcess.start(this.directory, "s_server-" + attempt, command);
			if (this.server.awaitOutput("ACCEPT") || attempt == 3) {
				break;
			}
			this.server.close();
		}
		assertThat(this.server.output()).as("s_server prints ACCEPT%n%s", this.server.describe()).contains("ACCEPT");
	}

	private DtlsConnection connect(DtlsClientBuilder builder) {
		this.client = builder.connectTimeout(ExternalProcess.DEADLINE).build();
		return this.client.connect(this.host, this.port);
	}

	/**
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2: the client's session and
	 * the line that s_server prints after the handshake.
	 */
	private void assertCipherSuite(DtlsConnection connection, InteropSuite suite) throws Exception {
		assertThat(connection.session().protocol()).isEqualTo("DTLSv1.2");
		assertThat(connection.session().cipherSuite()).isEqualTo(suite.ianaName());
		assertThat(this.server.awaitOutput("CIPHER is " + suite.openSslName())).as(this.server.describe()).isTrue();
	}

	/**
	 * Sends a message to s_server and checks that s_server prints it, then types a line into
	 * s_server and checks that the client receives it.
	 */
	private void assertExchange(DtlsConnection connection, String topic) throws Exception {
		String toServer = "hello from the engine over " + topic;
		connection.send(toServer.getBytes(StandardCharsets.UTF_8));
		assertThat(this.server.awaitOutput(toServer)).as("s_server prints '%s'%n%s", toServer, this.server.describe())
			.isTrue();

		String toClient = "hello from s_server over " + topic;
		this.server.writeLine(toClient);
		byte[] received = connection.receive(RECEIVE_TIMEOUT);
		assertThat(received).as("client receives '%s'%n%s", toClient, this.server.describe()).isNotNull();
		assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo(toClient + "\n");
	}

}
