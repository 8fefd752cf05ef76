package io.dtls.core.interop;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.event.DropReason;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's client against a DTLS 1.2 server on the {@code SSLEngine} of the JDK's SunJSSE
 * provider. Every test runs with the server on 127.0.0.1 and on ::1, and the client connects to
 * that address literal, which the server certificates name.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@ValueSource(strings = { "127.0.0.1", "::1" })
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropJdkServerTest {

	private static final TestPki pki = TestPki.create("jdk-server-test-root");

	/** Generous, so that the tests also pass on a loaded 2-core machine. */
	private static final Duration DEADLINE = Duration.ofSeconds(30);

	@Parameter
	String host;

	private DtlsClient client;

	private JdkDtlsPeer jdk;

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.jdk != null) {
				this.jdk.close();
			}
		}
		finally {
			if (this.client != null) {
				this.client.close();
			}
		}
	}

	// SunJSSE in JDK 17 has no CCM, CCM_8 or PSK cipher suites, so only the two AES-GCM suites
	// of the matrix apply.
	@ParameterizedTest(name = "{0}")
	@EnumSource(value = InteropSuite.class, names = { "ECDHE_ECDSA_AES_128_GCM", "ECDHE_RSA_AES_256_GCM" })
	void cipherSuite(InteropSuite suite) throws Exception {
		startJdkServer(JdkDtlsPeer.context(suite.serverCredentials(pki), pki.root()), false, suite.ianaName());
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		assertExchange(connection, "hello from the engine over " + suite);
		assertCipherSuite(connection, suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// The JDK splits the chain into fragments of its maximum packet size, and the engine
		// reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		startJdkServer(JdkDtlsPeer.context(large, pki.root()), false, InteropSuite.ECDHE_RSA_AES_256_GCM.ianaName());
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		assertExchange(connection, "hello after a fragmented certificate chain");
		assertCipherSuite(connection, InteropSuite.ECDHE_RSA_AES_256_GCM);
		LargeChain.assertReceived(this.client, connection, 2);
		assertThat(this.jdk.retransmissions()).as("%s", this.jdk).isZero();
	}

	@Test
	void oversizedDatagramsCountedAsTooLarge() throws Exception {
		// An engine client limited to 512-byte datagrams drops the JDK's 1232-byte fragments, as
		// maxDatagramSize promises, and counts them as DATAGRAM_TOO_LARGE. The handshake still
		// completes after retransmissions.
		startJdkServer(JdkDtlsPeer.context(LargeChain.issue(pki), pki.root()), false,
				InteropSuite.ECDHE_RSA_AES_256_GCM.ianaName());
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()).maxDatagramSize(512));

		assertExchange(connection, "hello after dropped fragments");
		assertThat(this.client.statistics().dropped(DropReason.DATAGRAM_TOO_LARGE)).as("%s", this.client.statistics())
			.isPositive();
	}

	@Test
	void clientCertificate() throws Exception {
		startJdkServer(JdkDtlsPeer.context(pki.server(false), pki.root()), true);
		DtlsConnection connection = connect(
				DtlsClient.builder().trust(pki.trust()).credentials(pki.client("device-7")));

		assertExchange(connection, "hello with a client certificate");
		assertThat(this.jdk.session().getPeerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	/**
	 * Opens the JDK server on the test's address, enabling only {@code cipherSuites}, or its
	 * defaults when there are none.
	 */
	private void startJdkServer(SSLContext context, boolean needClientAuth, String... cipherSuites) throws Exception {
		this.jdk = JdkDtlsPeer.server(context, new InetSocketAddress(this.host, 0), needClientAuth, cipherSuites);
	}

	/**
	 * Connects the engine's client to the JDK server, which runs its side of the handshake on a
	 * second thread, and waits for both sides to finish.
	 */
	private DtlsConnection connect(DtlsClientBuilder builder) throws Exception {
		CompletableFuture<Void> jdkHandshake = CompletableFuture.runAsync(() -> {
			try {
				this.jdk.handshake(DEADLINE);
			}
			catch (Exception ex) {
				throw new IllegalStateException("JDK server handshake failed: " + ex, ex);
			}
		});
		this.client = builder.connectTimeout(DEADLINE).build();
		DtlsConnection connection = this.client.connect(this.host, this.jdk.localAddress().getPort());
		jdkHandshake.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
		return connection;
	}

	/**
	 * Sends {@code text} from the engine client to the JDK server and a reply the other way.
	 */
	private void assertExchange(DtlsConnection connection, String text) throws Exception {
		byte[] request = text.getBytes(StandardCharsets.UTF_8);
		connection.send(request);

		byte[] atJdk = this.jdk.receive(DEADLINE);
		assertThat(atJdk).as("message at %s", this.jdk).isEqualTo(request);

		byte[] reply = ("reply to " + text).getBytes(StandardCharsets.UTF_8);
		this.jdk.send(reply);
		byte[] atEngine = connection.receive(DEADLINE);
		assertThat(atEngine).as("reply at the engine client from %s", this.jdk).isEqualTo(reply);
	}

	/**
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2.
	 */
	private void assertCipherSuite(DtlsConnection connection, InteropSuite suite) {
		assertThat(connection.session().protocol()).isEqualTo("DTLSv1.2");
		assertThat(connection.session().cipherSuite()).isEqualTo(suite.ianaName());
		assertThat(this.jdk.session().getProtocol()).isEqualTo("DTLSv1.2");
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(suite.ianaName());
	}

}
