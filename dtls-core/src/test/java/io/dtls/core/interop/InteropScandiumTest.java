package io.dtls.core.interop;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against {@code DTLSConnector} of Eclipse Californium Scandium 3.14.0, in both roles.
 * Scandium has no ChaCha20-Poly1305 suites, so the ECDHE_PSK suite that the OpenSSL tests use
 * cannot be tested against it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropScandiumTest {

	private static final TestPki pki = TestPki.create("scandium-interop-test-root");

	private static final byte[] PSK = "scandium-interop-key".getBytes(StandardCharsets.US_ASCII);

	/** Generous, so that the tests also pass on a loaded 2-core machine. */
	private static final Duration DEADLINE = Duration.ofSeconds(30);

	/**
	 * The IPv6 minimum MTU. Without it, Scandium 3.14.0 detects the MTU of the local interface,
	 * capped at the Ethernet MTU of 1500 bytes, so its datagrams could exceed the engine's
	 * default maxDatagramSize of 1232 bytes.
	 */
	private static final int MTU = 1280;

	private final CapturingHandler handler = new CapturingHandler();

	private final LinkedBlockingQueue<RawData> scandiumReceived = new LinkedBlockingQueue<>();

	private DtlsServer server;

	private DtlsClient client;

	private DTLSConnector scandium;

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.scandium != null) {
				this.scandium.destroy();
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
	void scandiumClientEcdsaCcm8() throws Exception {
		startServer((server) -> server.credentials(pki.server(false)).cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));
		startScandium(scandiumConfig(DtlsRole.CLIENT_ONLY, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
			.setAdvancedCertificateVerifier(trustTestRoot()));

		RawData echo = assertScandiumClientExchange("hello from Scandium over ECDSA with CCM_8");
		assertThat(echo.getEndpointContext().getString(DtlsEndpointContext.KEY_CIPHER))
			.isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
		assertThat(serverConnection().session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
	}

	@Test
	void scandiumClientEcdsaGcm() throws Exception {
		startServer((server) -> server.credentials(pki.server(false))
			.cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
		startScandium(scandiumConfig(DtlsRole.CLIENT_ONLY, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
			.setAdvancedCertificateVerifier(trustTestRoot()));

		assertScandiumClientExchange("hello from Scandium over ECDSA with GCM");
		assertThat(serverConnection().session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void scandiumClientPskCcm8() throws Exception {
		startServer((server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-1", PSK)))
			.cipherSuites("TLS_PSK_WITH_AES_128_CCM_8"));
		startScandium(scandiumConfig(DtlsRole.CLIENT_ONLY, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
			.setAdvancedPskStore(new AdvancedSinglePskStore("sensor-1", PSK)));

		assertScandiumClientExchange("hello from Scandium over PSK");
		assertThat(serverConnection().session().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
		assertThat(serverConnection().session().pskIdentity()).isEqualTo("sensor-1");
	}

	@Test
	void scandiumClientCertificate() throws Exception {
		startServer((server) -> server.credentials(pki.server(false))
			.trust(pki.trust())
			.clientAuth(ClientAuth.NEED)
			.cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));
		startScandium(scandiumConfig(DtlsRole.CLIENT_ONLY, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
			.setAdvancedCertificateVerifier(trustTestRoot())
			.setCertificateIdentityProvider(certificateProvider(pki.client("device-7"))));

		assertScandiumClientExchange("hello from Scandium with a client certificate");
		assertThat(serverConnection().session().peerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	@Test
	void scandiumServerEcdsaCcm8() throws Exception {
		startScandium(scandiumServerConfig(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
			.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE));
		DtlsConnection connection = connectEngineClient(
				DtlsClient.builder().trust(pki.trust()).cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));

		RawData atScandium = assertScandiumServerExchange(connection, "hello to Scandium over ECDSA with CCM_8");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
		assertThat(atScandium.getEndpointContext().getString(DtlsEndpointContext.KEY_CIPHER))
			.isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
	}

	@Test
	void scandiumServerEcdsaGcm() throws Exception {
		startScandium(scandiumServerConfig(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
			.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE));
		DtlsConnection connection = connectEngineClient(
				DtlsClient.builder().trust(pki.trust()).cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));

		assertScandiumServerExchange(connection, "hello to Scandium over ECDSA with GCM");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void scandiumServerPskCcm8() throws Exception {
		startScandium(scandiumConfig(DtlsRole.SERVER_ONLY, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
			.setAddress(new InetSocketAddress("127.0.0.1", 0))
			.setAdvancedPskStore(new AdvancedSinglePskStore("sensor-1", PSK)));
		DtlsConnection connection = connectEngineClient(DtlsClient.builder()
			.pskIdentity(PskIdentity.of("sensor-1", PSK))
			.cipherSuites("TLS_PSK_WITH_AES_128_CCM_8"));

		assertScandiumServerExchange(connection, "hello to Scandium over PSK");
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
	}

	@Test
	void scandiumServerClientCertificate() throws Exception {
		startScandium(scandiumServerConfig(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
			.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
			.setAdvancedCertificateVerifier(trustTestRoot()));
		DtlsConnection connection = connectEngineClient(DtlsClient.builder()
			.trust(pki.trust())
			.credentials(pki.client("device-8"))
			.cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));

		RawData atScandium = assertScandiumServerExchange(connection, "hello to Scandium with a client certificate");
		assertThat(atScandium.getEndpointContext().getPeerIdentity().getName()).isEqualTo("CN=device-8");
	}

	private void startServer(Consumer<DtlsServerBuilder> setup) {
		DtlsServerBuilder builder = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.handshakeTimeout(DEADLINE)
			.handler(this.handler);
		setup.accept(builder);
		this.server = builder.build();
		this.server.start();
	}

	/**
	 * Returns a Scandium configuration for one role and one cipher suite on an ephemeral
	 * loopback port.
	 */
	private static DtlsConnectorConfig.Builder scandiumConfig(DtlsRole role, CipherSuite cipherSuite) {
		Configuration configuration = new Configuration(SystemConfig.DEFINITIONS, UdpConfig.DEFINITIONS,
				DtlsConfig.DEFINITIONS);
		return DtlsConnectorConfig.builder(configuration)
			.set(DtlsConfig.DTLS_ROLE, role)
			.set(DtlsConfig.DTLS_MAX_TRANSMISSION_UNIT, MTU)
			.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, cipherSuite)
			.setAddress(new InetSocketAddress("127.0.0.1", 0));
	}

	/**
	 * Returns a Scandium server configuration that presents an EC certificate from the test PKI.
	 */
	private static DtlsConnectorConfig.Builder scandiumServerConfig(CipherSuite cipherSuite) {
		return scandiumConfig(DtlsRole.SERVER_ONLY, cipherSuite)
			.setCertificateIdentityProvider(certificateProvider(pki.server(false)));
	}

	private static SingleCertificateProvider certificateProvider(X509Credentials credentials) {
		return new SingleCertificateProvider(credentials.privateKey(),
				credentials.certificateChain().toArray(X509Certificate[]::new), CertificateType.X_509);
	}

	private static NewAdvancedCertificateVerifier trustTestRoot() {
		return StaticNewAdvancedCertificateVerifier.builder()
			.setTrustedCertificates(pki.root())
			.build();
	}

	private void startScandium(DtlsConnectorConfig.Builder config) throws Exception {
		this.scandium = new DTLSConnector(config.build());
		this.scandium.setRawDataReceiver(this.scandiumReceived::add);
		this.scandium.start();
	}

	private DtlsConnection connectEngineClient(DtlsClientBuilder builder) {
		this.client = builder.connectTimeout(DEADLINE).build();
		return this.client.connect("127.0.0.1", this.scandium.getAddress().getPort());
	}

	/**
	 * Sends {@code text} from the Scandium client, which starts the handshake, checks that the
	 * engine server received it and returns the echo that Scandium received.
	 */
	private RawData assertScandiumClientExchange(String text) throws Exception {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		this.scandium.send(RawData.outbound(payload, new AddressEndpointContext(this.server.localAddress()), null, false));

		byte[] atServer = this.handler.nextMessage(DEADLINE.toMillis());
		assertThat(atServer).as("message at the engine server").isEqualTo(payload);
		RawData echo = this.scandiumReceived.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(echo).as("echo at Scandium").isNotNull();
		assertThat(echo.getBytes()).isEqualTo(payload);
		return echo;
	}

	/**
	 * Sends {@code text} from the engine client to the Scandium server, replies from Scandium and
	 * checks the reply. Returns the message as Scandium received it.
	 */
	private RawData assertScandiumServerExchange(DtlsConnection connection, String text) throws Exception {
		byte[] request = text.getBytes(StandardCharsets.UTF_8);
		connection.send(request);

		RawData atScandium = this.scandiumReceived.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(atScandium).as("message at Scandium").isNotNull();
		assertThat(atScandium.getBytes()).isEqualTo(request);

		byte[] reply = ("reply to " + text).getBytes(StandardCharsets.UTF_8);
		this.scandium.send(RawData.outbound(reply, atScandium.getEndpointContext(), null, false));
		byte[] atEngine = connection.receive(DEADLINE);
		assertThat(atEngine).as("reply at the engine client").isEqualTo(reply);
		return atScandium;
	}

	private DtlsConnection serverConnection() {
		return this.handler.firstConnection();
	}

}
