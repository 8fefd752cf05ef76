package io.dtls.core.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.dtls.core.DtlsSession;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TransportCase;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
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
 * The engine's server against a client {@code DTLSConnector} of Eclipse Californium Scandium
 * 3.14.0. Every test runs with both demultiplexers, on IPv4 and IPv6.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@MethodSource("io.dtls.core.support.TransportCase#all")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropScandiumClientTest {

	private static final TestPki pki = TestPki.create("scandium-client-test-root");

	private static final byte[] PSK = "scandium-client-key".getBytes(StandardCharsets.US_ASCII);

	/** Generous, so that the tests also pass on a loaded 2-core machine. */
	private static final Duration DEADLINE = Duration.ofSeconds(30);

	@Parameter
	TransportCase transport;

	private final CapturingHandler handler = new CapturingHandler();

	private DtlsServer server;

	private ScandiumPeer scandium;

	@BeforeEach
	void requireDemux() {
		EngineServers.assumeSupported(this.transport);
	}

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.scandium != null) {
				this.scandium.close();
			}
		}
		finally {
			if (this.server != null) {
				this.server.stop(Duration.ofSeconds(5));
			}
		}
	}

	// Scandium 3.14.0 has no ChaCha20-Poly1305 cipher suites.
	@ParameterizedTest(name = "{0}")
	@EnumSource(value = InteropSuite.class, mode = EnumSource.Mode.EXCLUDE, names = "ECDHE_PSK_CHACHA20")
	void cipherSuite(InteropSuite suite) throws Exception {
		startServer((server) -> suite.configure(server, pki, PSK));
		DtlsConnectorConfig.Builder config = clientConfig(suite);
		if (suite.usesPsk()) {
			config.setAdvancedPskStore(new AdvancedSinglePskStore(InteropSuite.PSK_IDENTITY, PSK));
		}
		else {
			config.setAdvancedCertificateVerifier(ScandiumPeer.trust(pki.root()));
		}
		this.scandium = ScandiumPeer.start(config);

		RawData echo = assertExchange("hello from Scandium over " + suite);
		assertCipherSuite(echo, suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// The engine, limited to 512-byte datagrams, splits its Certificate message into
		// fragments, and Scandium reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		startServer((server) -> server.credentials(large).maxDatagramSize(512));
		this.scandium = ScandiumPeer.start(clientConfig(InteropSuite.ECDHE_RSA_AES_256_GCM)
			.setAdvancedCertificateVerifier(ScandiumPeer.trust(pki.root())));

		RawData echo = assertExchange("hello from Scandium after a fragmented certificate chain");
		assertCipherSuite(echo, InteropSuite.ECDHE_RSA_AES_256_GCM);
		assertThat(echo.getEndpointContext().getPeerIdentity().getName()).isEqualTo("CN=" + LargeChain.LEAF_NAME);
	}

	@Test
	void clientCertificate() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)).trust(pki.trust()).clientAuth(ClientAuth.NEED));
		this.scandium = ScandiumPeer.start(clientConfig(InteropSuite.ECDHE_ECDSA_AES_128_CCM_8)
			.setAdvancedCertificateVerifier(ScandiumPeer.trust(pki.root()))
			.setCertificateIdentityProvider(ScandiumPeer.certificateProvider(pki.client("device-7"))));

		assertExchange("hello from Scandium with a client certificate");
		assertThat(serverSession().peerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	/**
	 * Returns a client configuration for {@code suite} that sends SNI, so that Scandium verifies
	 * the server certificate for the name that {@link #assertExchange} sends to.
	 */
	private DtlsConnectorConfig.Builder clientConfig(InteropSuite suite) {
		return ScandiumPeer.config(DtlsRole.CLIENT_ONLY, this.transport.host(), suite)
			.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, true);
	}

	private void startServer(Consumer<DtlsServerBuilder> setup) {
		this.server = EngineServers.start(this.transport, DEADLINE, this.handler, setup);
	}

	/**
	 * Sends {@code text} from the Scandium client, which starts the handshake, checks that the
	 * engine server received it and returns the echo that Scandium received. Scandium verifies
	 * the server certificate for the name localhost, which it also sends as SNI.
	 */
	private RawData assertExchange(String text) throws Exception {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		// NOTE: with no name, Scandium 3.14.0 verifies the certificate for the server's IP
		// address, but rejects an IPv6 address as "no literal IP", because its pattern for IPv6
		// literals requires brackets that InetAddress.getHostAddress() does not add.
		this.scandium.send(payload, new AddressEndpointContext(this.server.localAddress(), "localhost", null));

		byte[] atServer = this.handler.nextMessage(DEADLINE.toMillis());
		assertThat(atServer).as("message at the engine server").isEqualTo(payload);
		RawData echo = this.scandium.receive(DEADLINE);
		assertThat(echo).as("echo at Scandium").isNotNull();
		assertThat(echo.getBytes()).isEqualTo(payload);
		return echo;
	}

	/**
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2: the server's session and
	 * the session that carried {@code echo} to Scandium.
	 */
	private void assertCipherSuite(RawData echo, InteropSuite suite) {
		assertThat(serverSession().protocol()).isEqualTo("DTLSv1.2");
		assertThat(serverSession().cipherSuite()).isEqualTo(suite.ianaName());
		if (suite.usesPsk()) {
			assertThat(serverSession().pskIdentity()).isEqualTo(InteropSuite.PSK_IDENTITY);
		}
		assertThat(ScandiumPeer.cipherSuite(echo)).isEqualTo(suite.ianaName());
	}

	private DtlsSession serverSession() {
		return this.handler.firstConnection().session();
	}

}
