package io.dtls.core.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.dtls.core.DtlsSession;
import io.dtls.core.credentials.ClientAuth;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's server against a DTLS 1.2 client on the {@code SSLEngine} of the JDK's SunJSSE
 * provider. Every test runs with both demultiplexers, on IPv4 and IPv6.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@MethodSource("io.dtls.core.support.TransportCase#all")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropJdkClientTest {

	private static final TestPki pki = TestPki.create("jdk-client-test-root");

	/** Generous, so that the tests also pass on a loaded 2-core machine. */
	private static final Duration DEADLINE = Duration.ofSeconds(30);

	@Parameter
	TransportCase transport;

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private JdkDtlsPeer jdk;

	@BeforeEach
	void requireDemux() {
		EngineServers.assumeSupported(this.transport);
	}

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.jdk != null) {
				this.jdk.close();
			}
		}
		finally {
			if (this.server != null) {
				this.server.stop(Duration.ofSeconds(5));
			}
		}
	}

	// SunJSSE in JDK 17 has no CCM, CCM_8 or PSK cipher suites, so only the two AES-GCM suites
	// of the matrix apply.
	@ParameterizedTest(name = "{0}")
	@EnumSource(value = InteropSuite.class, names = { "ECDHE_ECDSA_AES_128_GCM", "ECDHE_RSA_AES_256_GCM" })
	void cipherSuite(InteropSuite suite) throws Exception {
		startServer((server) -> server.credentials(suite.serverCredentials(pki)));
		connectJdkClient(JdkDtlsPeer.context(null, pki.root()), suite.ianaName());

		assertExchange("hello from the JDK over " + suite);
		assertCipherSuite(suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// The chain does not fit into one datagram of either side, so the engine, limited to
		// 512-byte datagrams, splits its Certificate message into fragments and the JDK
		// reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		startServer((server) -> server.credentials(large).maxDatagramSize(512));
		connectJdkClient(JdkDtlsPeer.context(null, pki.root()), InteropSuite.ECDHE_RSA_AES_256_GCM.ianaName());

		assertExchange("hello after a fragmented certificate chain");
		assertCipherSuite(InteropSuite.ECDHE_RSA_AES_256_GCM);
		assertThat(this.jdk.session().getPeerCertificates()).hasSize(2);
		assertThat(this.jdk.session().getPeerPrincipal().getName()).isEqualTo("CN=" + LargeChain.LEAF_NAME);
	}

	@Test
	void clientCertificate() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		connectJdkClient(JdkDtlsPeer.context(pki.client("device-8"), pki.root()));

		assertExchange("hello from the JDK with a client certificate");
		assertThat(serverSession().peerPrincipal().getName()).isEqualTo("CN=device-8");
	}

	private void startServer(Consumer<DtlsServerBuilder> setup) {
		this.server = EngineServers.start(this.transport, DEADLINE, this.handler, setup);
	}

	/**
	 * Connects a JDK client that offers only {@code cipherSuites}, or its defaults when there
	 * are none, and verifies the server certificate for the name localhost.
	 */
	private void connectJdkClient(SSLContext context, String... cipherSuites) throws Exception {
		this.jdk = JdkDtlsPeer.client(context, "localhost", this.server.localAddress(), cipherSuites);
		this.jdk.handshake(DEADLINE);
		assertThat(this.jdk.localAddress().getAddress()).isEqualTo(this.transport.loopback().getAddress());
	}

	/**
	 * Sends {@code text} from the JDK client, checks that the engine server received it and that
	 * its echo came back.
	 */
	private void assertExchange(String text) throws Exception {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		this.jdk.send(payload);

		byte[] atServer = this.handler.nextMessage(DEADLINE.toMillis());
		assertThat(atServer).as("message at the engine server from %s", this.jdk).isEqualTo(payload);
		byte[] echo = this.jdk.receive(DEADLINE);
		assertThat(echo).as("echo at %s", this.jdk).isEqualTo(payload);
	}

	/**
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2.
	 */
	private void assertCipherSuite(InteropSuite suite) {
		assertThat(serverSession().protocol()).isEqualTo("DTLSv1.2");
		assertThat(serverSession().cipherSuite()).isEqualTo(suite.ianaName());
		assertThat(this.jdk.session().getProtocol()).isEqualTo("DTLSv1.2");
		assertThat(this.jdk.session().getCipherSuite()).isEqualTo(suite.ianaName());
	}

	private DtlsSession serverSession() {
		return this.handler.firstConnection().session();
	}

}
