package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsHandshakeException;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.Endpoints;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Each handshake failure raises an exception that says which, and the server keeps serving
 * other clients afterwards.
 */
class HandshakeFailureTest {

	private static final TestPki pki = TestPki.create("failure-test-root");

	private static final byte[] PSK = "correct horse battery".getBytes(StandardCharsets.UTF_8);

	private DtlsServer server;

	@BeforeEach
	void startServer() {
		this.server = DtlsServer.builder()
			.bindAddress(Endpoints.ipv4())
			.credentials(pki.server(false))
			.trust(pki.trust())
			.clientAuth(ClientAuth.WANT)
			.pskStore(StaticPskStore.of(Map.of("device", PSK)))
			.handshakeTimeout(Duration.ofSeconds(3))
			.handler(new EchoHandler())
			.build();
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(Duration.ofSeconds(5));
	}

	@Test
	void untrustedServerCertificate() throws Exception {
		TestPki otherPki = TestPki.create("other-root");
		try (DtlsClient client = DtlsClient.builder().trust(otherPki.trust()).build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class).isThrownBy(() -> client.connect("localhost", port()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.UNTRUSTED_CERTIFICATE))
				.withMessageContaining("does not lead to a trusted certificate");
		}
		assertServerStillServes();
	}

	@Test
	void wrongHostname() throws Exception {
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			// The certificate names localhost, 127.0.0.1 and ::1, but not 127.0.0.2.
			DtlsServer otherAddress = DtlsServer.builder()
				.bindAddress(new java.net.InetSocketAddress("127.0.0.2", 0))
				.credentials(pki.server(false))
				.handler(new EchoHandler())
				.build();
			otherAddress.start();
			try {
				assertThatExceptionOfType(DtlsHandshakeException.class)
					.isThrownBy(() -> client.connect("127.0.0.2", otherAddress.localAddress().getPort()))
					.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.HOSTNAME_MISMATCH))
					.withMessageContaining("127.0.0.2");
			}
			finally {
				otherAddress.stop(Duration.ofSeconds(2));
			}
		}
	}

	@Test
	void hostnameCheckSkippedWhenInsecureOptionSet() throws Exception {
		DtlsServer otherAddress = DtlsServer.builder()
			.bindAddress(new java.net.InetSocketAddress("127.0.0.2", 0))
			.credentials(pki.server(false))
			.handler(new EchoHandler())
			.build();
		otherAddress.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).insecureSkipHostnameVerification().build()) {
			DtlsConnection connection = client.connect("127.0.0.2", otherAddress.localAddress().getPort());
			assertThat(connection.isOpen()).isTrue();
		}
		finally {
			otherAddress.stop(Duration.ofSeconds(2));
		}
	}

	@Test
	void missingClientCertificateUnderNeed() throws Exception {
		DtlsServer strict = DtlsServer.builder()
			.bindAddress(Endpoints.ipv4())
			.credentials(pki.server(false))
			.trust(pki.trust())
			.clientAuth(ClientAuth.NEED)
			.handler(new EchoHandler())
			.build();
		strict.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect("localhost", strict.localAddress().getPort()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.ALERT_RECEIVED))
				.withMessageContaining("handshake_failure");
			// The server counts the failure on its handshake thread, which may finish after the client.
			await().atMost(Duration.ofSeconds(5))
				.until(() -> strict.statistics().handshakesFailed(HandshakeFailure.CLIENT_CERTIFICATE_REQUIRED) == 1);
		}
		finally {
			strict.stop(Duration.ofSeconds(2));
		}
	}

	@Test
	void untrustedClientCertificate() throws Exception {
		TestPki otherPki = TestPki.create("rogue-root");
		try (DtlsClient client = DtlsClient.builder()
			.trust(pki.trust())
			.credentials(otherPki.client("rogue-device"))
			.build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class).isThrownBy(() -> client.connect("localhost", port()))
				.withMessageContaining("bad_certificate");
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.server.statistics().handshakesFailed(HandshakeFailure.UNTRUSTED_CERTIFICATE) == 1);
		assertServerStillServes();
	}

	@Test
	void unknownPskIdentity() throws Exception {
		try (DtlsClient client = DtlsClient.builder()
			.pskIdentity(PskIdentity.of("stranger", PSK))
			.connectTimeout(Duration.ofSeconds(3))
			.build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class).isThrownBy(() -> client.connect("127.0.0.1", port()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.PSK_REJECTED));
		}
		assertServerStillServes();
	}

	@Test
	void wrongPskFailsWithinHandshakeTimeout() throws Exception {
		long start = System.nanoTime();
		try (DtlsClient client = DtlsClient.builder()
			.pskIdentity(PskIdentity.of("device", "wrong key".getBytes(StandardCharsets.UTF_8)))
			.connectTimeout(Duration.ofSeconds(2))
			.build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class).isThrownBy(() -> client.connect("127.0.0.1", port()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isIn(HandshakeFailure.TIMEOUT,
						HandshakeFailure.PSK_REJECTED, HandshakeFailure.ALERT_RECEIVED));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertServerStillServes();
	}

	@Test
	void noCommonCipherSuite() throws Exception {
		DtlsServer pskOnly = DtlsServer.builder()
			.bindAddress(Endpoints.ipv4())
			.pskStore(StaticPskStore.of(Map.of("device", PSK)))
			.handler(new EchoHandler())
			.build();
		pskOnly.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect("127.0.0.1", pskOnly.localAddress().getPort()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.ALERT_RECEIVED))
				.withMessageContaining("handshake_failure");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> pskOnly.statistics().handshakesFailed(HandshakeFailure.NO_COMMON_PARAMETERS) == 1);
		}
		finally {
			pskOnly.stop(Duration.ofSeconds(2));
		}
	}

	@Test
	void connectTimeoutWithoutServer() throws Exception {
		try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0,
				java.net.InetAddress.getByName("127.0.0.1"));
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(1500)))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.TIMEOUT));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	private int port() {
		return this.server.localAddress().getPort();
	}

	private void assertServerStillServes() throws Exception {
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			DtlsConnection connection = client.connect("localhost", port());
			connection.send(new byte[] { 1, 2, 3 });
			assertThat(connection.receive(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
		}
	}

}
