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
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine's client against {@code openssl s_server -dtls1_2 -listen}, the DTLS server of the
 * OpenSSL command-line tool. With {@code -listen}, s_server sends a HelloVerifyRequest before it
 * starts a handshake. It prints what it receives on stdout and sends each line typed on its
 * stdin to the client.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropOpenSslServerTest {

	private static final TestPki pki = TestPki.create("openssl-server-test-root");

	private static final byte[] PSK = "openssl-server-key".getBytes(StandardCharsets.US_ASCII);

	private static final Duration RECEIVE_TIMEOUT = ExternalProcess.DEADLINE;

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

	@Test
	void ecdsaCertificate() throws Exception {
		startServer(certificate(pki.server(false)));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()), "localhost");

		assertExchange(connection, "ECDSA");
		assertThat(connection.session().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
	}

	@Test
	void rsaCertificate() throws Exception {
		startServer(certificate(pki.server(true)));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()), "localhost");

		assertExchange(connection, "RSA");
		assertThat(connection.session().cipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_");
	}

	@Test
	void clientCertificate() throws Exception {
		List<String> options = certificate(pki.server(false));
		options.addAll(List.of("-Verify", "1", "-verify_return_error", "-CAfile", caFile().toString()));
		startServer(options);
		DtlsConnection connection = connect(
				DtlsClient.builder().trust(pki.trust()).credentials(pki.client("device-7")), "localhost");

		assertExchange(connection, "a client certificate");
		// s_server prints the subject of the client certificate it verified.
		assertThat(this.server.awaitOutput("subject=CN = device-7")).as(this.server.describe()).isTrue();
	}

	@Test
	void pskWithCcm8() throws Exception {
		startServer(psk("PSK-AES128-CCM8"));
		DtlsConnection connection = connect(
				DtlsClient.builder().pskIdentity(PskIdentity.of("sensor-1", PSK)).cipherSuites("TLS_PSK_WITH_AES_128_CCM_8"),
				"127.0.0.1");

		assertExchange(connection, "PSK");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
	}

	@Test
	void ecdhePskWithChaCha20() throws Exception {
		startServer(psk("ECDHE-PSK-CHACHA20-POLY1305"));
		DtlsConnection connection = connect(DtlsClient.builder()
			.pskIdentity(PskIdentity.of("sensor-1", PSK))
			.cipherSuites("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"), "127.0.0.1");

		assertExchange(connection, "ECDHE-PSK");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
	}

	@Test
	void hostnameMismatch() throws Exception {
		X509Credentials otherHost = pki.issue("other-host", false, List.of("other.example"), List.of(),
				Duration.ofDays(1));
		startServer(certificate(otherHost));
		this.client = DtlsClient.builder().trust(pki.trust()).connectTimeout(ExternalProcess.DEADLINE).build();

		assertThatExceptionOfType(DtlsHandshakeException.class)
			.as(this.server.describe())
			.isThrownBy(() -> this.client.connect("localhost", this.port))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.HOSTNAME_MISMATCH));
	}

	@Test
	void hostnameMismatchSkippedWhenInsecure() throws Exception {
		X509Credentials otherHost = pki.issue("other-host", false, List.of("other.example"), List.of(),
				Duration.ofDays(1));
		startServer(certificate(otherHost));
		DtlsConnection connection = connect(
				DtlsClient.builder().trust(pki.trust()).insecureSkipHostnameVerification(), "localhost");

		assertExchange(connection, "a certificate for another host");
	}

	@Test
	void closeNotifyFromClient() throws Exception {
		startServer(certificate(pki.server(false)));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()), "localhost");
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

	private List<String> psk(String cipher) {
		return new ArrayList<>(List.of("-nocert", "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "sensor-1",
				"-psk_hint", "openssl-hint", "-cipher", cipher));
	}

	private Path caFile() throws Exception {
		return PemFiles.writeCertificate(this.directory.resolve("ca.crt"), pki.root());
	}

	/**
	 * Starts s_server on a free port and waits until it prints ACCEPT, which it does once its
	 * socket is bound. A port taken between the choice and the bind makes s_server exit, so
	 * this tries three ports.
	 */
	private void startServer(List<String> options) throws Exception {
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.port = ExternalProcess.freeUdpPort();
			List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-dtls1_2", "-listen", "-accept",
					"127.0.0.1:" + this.port));
			command.addAll(options);
			this.server = ExternalProcess.start(this.directory, "s_server-" + attempt, command);
			if (this.server.awaitOutput("ACCEPT") || attempt == 3) {
				break;
			}
			this.server.close();
		}
		assertThat(this.server.output()).as("s_server prints ACCEPT%n%s", this.server.describe()).contains("ACCEPT");
	}

	private DtlsConnection connect(DtlsClientBuilder builder, String host) {
		this.client = builder.connectTimeout(ExternalProcess.DEADLINE).build();
		return this.client.connect(host, this.port);
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
