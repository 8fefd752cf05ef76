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
import io.dtls.core.support.AddressFamilyTest;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.AfterEach;

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

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(5));
		}
	}

	@TransportMatrixTest
	void untrustedServerCertificate(TransportCase transport) throws Exception {
		startServer(transport);
		TestPki otherPki = TestPki.create("other-root");
		try (DtlsClient client = DtlsClient.builder().trust(otherPki.trust()).build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(transport.host(), port()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.UNTRUSTED_CERTIFICATE))
				.withMessageContaining("does not lead to a trusted certificate");
		}
		assertServerStillServes(transport);
	}

	@TransportMatrixTest
	void wrongHostname(TransportCase transport) throws Exception {
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			DtlsServer localhostOnly = startLocalhostOnly(transport);
			try {
				assertThatExceptionOfType(DtlsHandshakeException.class)
					.isThrownBy(() -> client.connect(transport.host(), localhostOnly.localAddress().getPort()))
					.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.HOSTNAME_MISMATCH))
					.withMessageContaining(transport.host());
			}
			finally {
				localhostOnly.stop(Duration.ofSeconds(2));
			}
		}
	}

	@TransportMatrixTest
	void hostnameCheckSkippedWhenInsecureOptionSet(TransportCase transport) throws Exception {
		DtlsServer localhostOnly = startLocalhostOnly(transport);
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).insecureSkipHostnameVerification().build()) {
			DtlsConnection connection = client.connect(transport.host(), localhostOnly.localAddress().getPort());
			assertThat(connection.isOpen()).isTrue();
		}
		finally {
			localhostOnly.stop(Duration.ofSeconds(2));
		}
	}

	@TransportMatrixTest
	void missingClientCertificateUnderNeed(TransportCase transport) throws Exception {
		DtlsServer strict = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.trust(pki.trust())
			.clientAuth(ClientAuth.NEED)
			.handler(new EchoHandler())
			.build();
		strict.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(transport.host(), strict.localAddress().getPort()))
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

	@TransportMatrixTest
	void untrustedClientCertificate(TransportCase transport) throws Exception {
		startServer(transport);
		TestPki otherPki = TestPki.create("rogue-root");
		try (DtlsClient client = DtlsClient.builder()
			.trust(pki.trust())
			.credentials(otherPki.client("rogue-device"))
			.build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(transport.host(), port()))
				.withMessageContaining("bad_certificate");
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.server.statistics().handshakesFailed(HandshakeFailure.UNTRUSTED_CERTIFICATE) == 1);
		assertServerStillServes(transport);
	}

	@TransportMatrixTest
	void unknownPskIdentity(TransportCase transport) throws Exception {
		startServer(transport);
		try (DtlsClient client = DtlsClient.builder()
			.pskIdentity(PskIdentity.of("stranger", PSK))
			.connectTimeout(Duration.ofSeconds(3))
			.build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(transport.host(), port()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.PSK_REJECTED));
		}
		assertServerStillServes(transport);
	}

	@TransportMatrixTest
	void wrongPskFailsWithinHandshakeTimeout(TransportCase transport) throws Exception {
		startServer(transport);
		long start = System.nanoTime();
		try (DtlsClient client = DtlsClient.builder()
			.pskIdentity(PskIdentity.of("device", "wrong key".getBytes(StandardCharsets.UTF_8)))
			.connectTimeout(Duration.ofSeconds(2))
			.build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(transport.host(), port()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isIn(HandshakeFailure.TIMEOUT,
						HandshakeFailure.PSK_REJECTED, HandshakeFailure.ALERT_RECEIVED));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertServerStillServes(transport);
	}

	@TransportMatrixTest
	void noCommonCipherSuite(TransportCase transport) throws Exception {
		DtlsServer pskOnly = transport.apply(DtlsServer.builder())
			.pskStore(StaticPskStore.of(Map.of("device", PSK)))
			.handler(new EchoHandler())
			.build();
		pskOnly.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(transport.host(), pskOnly.localAddress().getPort()))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.ALERT_RECEIVED))
				.withMessageContaining("handshake_failure");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> pskOnly.statistics().handshakesFailed(HandshakeFailure.NO_COMMON_PARAMETERS) == 1);
		}
		finally {
			pskOnly.stop(Duration.ofSeconds(2));
		}
	}

	@AddressFamilyTest
	void connectTimeoutWithoutServer(String host) throws Exception {
		try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getByName(host));
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(host, silent.getLocalPort(), Duration.ofMillis(1500)))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.TIMEOUT));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	private void startServer(TransportCase transport) {
		this.server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.trust(pki.trust())
			.clientAuth(ClientAuth.WANT)
			.pskStore(StaticPskStore.of(Map.of("device", PSK)))
			.handshakeTimeout(Duration.ofSeconds(3))
			.handler(new EchoHandler())
			.build();
		this.server.start();
	}

	/**
	 * Starts a server whose certificate names localhost only, so that it does not match the
	 * loopback address literal that clients connect to.
	 */
	private static DtlsServer startLocalhostOnly(TransportCase transport) {
		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.issue("server", false, List.of("localhost"), List.of(), Duration.ofDays(1)))
			.handler(new EchoHandler())
			.build();
		server.start();
		return server;
	}

	private int port() {
		return this.server.localAddress().getPort();
	}

	private void assertServerStillServes(TransportCase transport) throws Exception {
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			DtlsConnection connection = client.connect(transport.host(), port());
			connection.send(new byte[] { 1, 2, 3 });
			assertThat(connection.receive(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
		}
	}

}
