package io.dtls.core.interop;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.dtls.core.DtlsConnection;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.event.DropReason;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against the DTLS 1.2 {@code SSLEngine} of the JDK's SunJSSE provider, in both
 * roles. SunJSSE in JDK 17 has no CCM_8 and no PSK cipher suites, so those suites cannot be
 * tested against it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropJdkSslEngineTest {

	private static final TestPki pki = TestPki.create("jdk-interop-test-root");

	private static final String ECDSA_AES_128_GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

	private static final String RSA_AES_256_GCM = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";

	/** Generous, so that the tests also pass on a loaded 2-core machine. */
	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private DtlsClient client;

	private JdkDtlsPeer jdk;

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.jdk != null) {
				this.jdk.close();
			}
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
	void jdkClientEcdsaAes128Gcm() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(false)).cipherSuites(ECDSA_AES_128_GCM));
		connectJdkClient("localhost");

		assertJdkClientExchange("hello from the JDK over ECDSA");
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(ECDSA_AES_128_GCM);
		assertThat(serverConnection().session().cipherSuite()).isEqualTo(ECDSA_AES_128_GCM);
		assertThat(this.jdk.session().getProtocol()).isEqualTo("DTLSv1.2");
	}

	@Test
	void jdkClientRsaAes256Gcm() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(true)).cipherSuites(RSA_AES_256_GCM));
		connectJdkClient("localhost");

		assertJdkClientExchange("hello from the JDK over RSA");
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(RSA_AES_256_GCM);
		assertThat(serverConnection().session().cipherSuite()).isEqualTo(RSA_AES_256_GCM);
	}

	@Test
	void jdkClientOverIpv6() throws Exception {
		startServer("::1", (server) -> server.credentials(pki.server(false)).cipherSuites(ECDSA_AES_128_GCM));
		connectJdkClient("localhost");

		assertJdkClientExchange("hello from the JDK over IPv6");
		assertThat(this.jdk.localAddress().getAddress().getHostAddress()).isIn("::1", "0:0:0:0:0:0:0:1");
		assertThat(serverConnection().session().cipherSuite()).isEqualTo(ECDSA_AES_128_GCM);
	}

	@Test
	void jdkClientLargeChain() throws Exception {
		// The chain of an RSA leaf with many names does not fit into one datagram of either side,
		// so the engine, limited to 512-byte datagrams, splits its Certificate message into
		// fragments and the JDK reassembles them.
		X509Credentials large = largeServerCredentials();
		assertThat(encodedLength(large.certificateChain())).isGreaterThan(2 * JdkDtlsPeer.MAX_PACKET_SIZE);
		startServer("127.0.0.1",
				(server) -> server.credentials(large).cipherSuites(RSA_AES_256_GCM).maxDatagramSize(512));
		connectJdkClient("localhost");

		assertJdkClientExchange("hello after a fragmented certificate chain");
		assertThat(this.jdk.session().getPeerCertificates()).hasSize(2);
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(RSA_AES_256_GCM);
	}

	@Test
	void jdkServerEcdsaAes128Gcm() throws Exception {
		startJdkServer("127.0.0.1", pki.server(false), false);
		DtlsConnection connection = connectEngineClient("127.0.0.1",
				DtlsClient.builder().trust(pki.trust()).cipherSuites(ECDSA_AES_128_GCM));

		assertJdkServerExchange(connection, "hello from the engine over ECDSA");
		assertThat(connection.session().cipherSuite()).isEqualTo(ECDSA_AES_128_GCM);
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(ECDSA_AES_128_GCM);
	}

	@Test
	void jdkServerRsaAes256Gcm() throws Exception {
		startJdkServer("127.0.0.1", pki.server(true), false);
		DtlsConnection connection = connectEngineClient("127.0.0.1",
				DtlsClient.builder().trust(pki.trust()).cipherSuites(RSA_AES_256_GCM));

		assertJdkServerExchange(connection, "hello from the engine over RSA");
		assertThat(connection.session().cipherSuite()).isEqualTo(RSA_AES_256_GCM);
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(RSA_AES_256_GCM);
	}

	@Test
	void jdkServerLargeChain() throws Exception {
		// The JDK splits the large chain into fragments of its maximum packet size, and the engine
		// reassembles them.
		startJdkServer("127.0.0.1", largeServerCredentials(), false);
		DtlsConnection connection = connectEngineClient("127.0.0.1",
				DtlsClient.builder().trust(pki.trust()).cipherSuites(RSA_AES_256_GCM));

		assertJdkServerExchange(connection, "hello after a fragmented certificate chain");
		assertThat(connection.session().peerCertificates()).hasSize(2);
		assertThat(connection.session().cipherSuite()).isEqualTo(RSA_AES_256_GCM);
		assertThat(this.jdk.retransmissions()).as("%s", this.jdk).isZero();
	}

	@Test
	void oversizedDatagramsCountedAsTooLarge() throws Exception {
		// An engine client limited to 512-byte datagrams drops the JDK's 1232-byte fragments, as
		// maxDatagramSize promises. The server counts such drops as DATAGRAM_TOO_LARGE.
		startJdkServer("127.0.0.1", largeServerCredentials(), false);
		DtlsConnection connection = connectEngineClient("127.0.0.1",
				DtlsClient.builder().trust(pki.trust()).cipherSuites(RSA_AES_256_GCM).maxDatagramSize(512));

		assertJdkServerExchange(connection, "hello after dropped fragments");
		assertThat(this.client.statistics().dropped(DropReason.DATAGRAM_TOO_LARGE)).as("%s", this.client.statistics())
			.isPositive();
	}

	@Test
	void jdkServerClientCertificate() throws Exception {
		startJdkServer("127.0.0.1", pki.server(false), true);
		DtlsConnection connection = connectEngineClient("127.0.0.1", DtlsClient.builder()
			.trust(pki.trust())
			.credentials(pki.client("device-7"))
			.cipherSuites(ECDSA_AES_128_GCM));

		assertJdkServerExchange(connection, "hello with a client certificate");
		assertThat(this.jdk.session().getPeerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	@Test
	void jdkClientCertificate() throws Exception {
		startServer("127.0.0.1", (server) -> server.credentials(pki.server(false))
			.trust(pki.trust())
			.clientAuth(ClientAuth.NEED)
			.cipherSuites(ECDSA_AES_128_GCM));
		SSLContext context = JdkDtlsPeer.context(pki.client("device-8"), pki.root());
		this.jdk = JdkDtlsPeer.client(context, "localhost", this.server.localAddress());
		this.jdk.handshake(DEADLINE);

		assertJdkClientExchange("hello from the JDK with a client certificate");
		assertThat(serverConnection().session().peerPrincipal().getName()).isEqualTo("CN=device-8");
	}

	private void startServer(String host, Consumer<DtlsServerBuilder> setup) {
		DtlsServerBuilder builder = DtlsServer.builder()
			.bindAddress(new InetSocketAddress(host, 0))
			.handshakeTimeout(DEADLINE)
			.handler(this.handler);
		setup.accept(builder);
		this.server = builder.build();
		this.server.start();
	}

	private void connectJdkClient(String hostname) throws Exception {
		SSLContext context = JdkDtlsPeer.context(null, pki.root());
		this.jdk = JdkDtlsPeer.client(context, hostname, this.server.localAddress());
		this.jdk.handshake(DEADLINE);
	}

	private void startJdkServer(String host, X509Credentials credentials, boolean needClientAuth) throws Exception {
		SSLContext context = JdkDtlsPeer.context(credentials, pki.root());
		this.jdk = JdkDtlsPeer.server(context, new InetSocketAddress(host, 0), needClientAuth);
	}

	/**
	 * Connects the engine's client to the JDK server, which runs its side of the handshake on a
	 * second thread, and waits for both sides to finish.
	 */
	private DtlsConnection connectEngineClient(String host, DtlsClientBuilder builder) throws Exception {
		CompletableFuture<Void> jdkHandshake = CompletableFuture.runAsync(() -> {
			try {
				this.jdk.handshake(DEADLINE);
			}
			catch (Exception ex) {
				throw new IllegalStateException("JDK server handshake failed: " + ex, ex);
			}
		});
		this.client = builder.connectTimeout(DEADLINE).build();
		DtlsConnection connection = this.client.connect(host, this.jdk.localAddress().getPort());
		jdkHandshake.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
		return connection;
	}

	/**
	 * Sends {@code text} from the JDK client, checks that the engine server received it and that
	 * its echo came back.
	 */
	private void assertJdkClientExchange(String text) throws Exception {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		this.jdk.send(payload);

		byte[] atServer = this.handler.nextMessage(DEADLINE.toMillis());
		assertThat(atServer).as("message at the engine server from %s", this.jdk).isEqualTo(payload);
		byte[] echo = this.jdk.receive(DEADLINE);
		assertThat(echo).as("echo at %s", this.jdk).isEqualTo(payload);
	}

	/**
	 * Sends {@code text} from the engine client to the JDK server and a reply the other way.
	 */
	private void assertJdkServerExchange(DtlsConnection connection, String text) throws Exception {
		byte[] request = text.getBytes(StandardCharsets.UTF_8);
		connection.send(request);

		byte[] atJdk = this.jdk.receive(DEADLINE);
		assertThat(atJdk).as("message at %s", this.jdk).isEqualTo(request);

		byte[] reply = ("reply to " + text).getBytes(StandardCharsets.UTF_8);
		this.jdk.send(reply);
		byte[] atEngine = connection.receive(DEADLINE);
		assertThat(atEngine).as("reply at the engine client from %s", this.jdk).isEqualTo(reply);
	}

	private DtlsConnection serverConnection() {
		return this.handler.firstConnection();
	}

	/**
	 * Issues an RSA server certificate with 80 extra DNS names, so that the chain is several
	 * kilobytes long.
	 */
	private static X509Credentials largeServerCredentials() {
		List<String> dnsNames = new ArrayList<>(List.of("localhost"));
		for (int i = 1; i <= 80; i++) {
			dnsNames.add("device-" + i + ".sensors.interop.example");
		}
		return pki.issue("large-server", true, dnsNames, List.of("127.0.0.1", "::1"), Duration.ofDays(1));
	}

	private static int encodedLength(List<X509Certificate> chain) throws CertificateEncodingException {
		int length = 0;
		for (X509Certificate certificate : chain) {
			length += certificate.getEncoded().length;
		}
		return length;
	}

}
