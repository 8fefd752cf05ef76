package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.Endpoints;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes and echo between the engine's server and client over real loopback sockets.
 */
class HandshakeTest {

	private static final TestPki pki = TestPki.create("handshake-test-root");

	private static final byte[] PSK = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "{0}")
	@EnumSource(DtlsCryptoBackend.class)
	void ecdsaOverIpv4(DtlsCryptoBackend backend) throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv4(), "127.0.0.1",
				(server) -> server.credentials(pki.server(false)).cryptoBackend(backend),
				(client) -> client.trust(pki.trust()).cryptoBackend(backend));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void ecdsaOverIpv6() throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv6(), "::1", (server) -> server.credentials(pki.server(false)),
				(client) -> client.trust(pki.trust()));
		assertThat(connection.peerAddress().getAddress().getHostAddress()).contains(":");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(DtlsCryptoBackend.class)
	void rsaCertificate(DtlsCryptoBackend backend) throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv4(), "localhost",
				(server) -> server.credentials(pki.server(true)).cryptoBackend(backend),
				(client) -> client.trust(pki.trust()).cryptoBackend(backend));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		assertThat(connection.session().peerCertificates()).hasSize(2);
	}

	@Test
	void ccm8ForCoap() throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv4(), "localhost",
				(server) -> server.credentials(pki.server(false)),
				(client) -> client.trust(pki.trust()).cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
	}

	@Test
	void chacha20Poly1305() throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv4(), "localhost",
				(server) -> server.credentials(pki.server(false)),
				(client) -> client.trust(pki.trust()).cipherSuites("ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
	}

	@Test
	void clientAuthNeedWithCertificate() throws Exception {
		CapturingHandler handler = new CapturingHandler();
		echo(Endpoints.ipv4(), "localhost",
				(server) -> server.credentials(pki.server(false))
					.trust(pki.trust())
					.clientAuth(ClientAuth.NEED)
					.handler(handler),
				(client) -> client.trust(pki.trust()).credentials(pki.client("device-7")));
		assertThat(handler.firstConnection().session().peerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	@Test
	void clientAuthWantWithoutCertificate() throws Exception {
		CapturingHandler handler = new CapturingHandler();
		echo(Endpoints.ipv4(), "localhost",
				(server) -> server.credentials(pki.server(false))
					.trust(pki.trust())
					.clientAuth(ClientAuth.WANT)
					.handler(handler),
				(client) -> client.trust(pki.trust()));
		assertThat(handler.firstConnection().session().peerCertificates()).isEmpty();
		assertThat(handler.firstConnection().session().peerPrincipal()).isNull();
	}

	@Test
	void clientAuthNoneIgnoresClientCertificate() throws Exception {
		CapturingHandler handler = new CapturingHandler();
		echo(Endpoints.ipv4(), "localhost", (server) -> server.credentials(pki.server(false)).handler(handler),
				(client) -> client.trust(pki.trust()).credentials(pki.client("device-8")));
		assertThat(handler.firstConnection().session().peerCertificates()).isEmpty();
	}

	@Test
	void plainPsk() throws Exception {
		CapturingHandler handler = new CapturingHandler();
		DtlsConnection connection = echo(Endpoints.ipv4(), "127.0.0.1",
				(server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-1", PSK))).handler(handler),
				(client) -> client.pskIdentity(PskIdentity.of("sensor-1", PSK))
					.cipherSuites("TLS_PSK_WITH_AES_128_CCM_8"));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
		assertThat(handler.firstConnection().session().pskIdentity()).isEqualTo("sensor-1");
		assertThat(handler.firstConnection().session().peerPrincipal().getName()).isEqualTo("sensor-1");
	}

	@Test
	void ecdhePsk() throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv6(), "::1",
				(server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-2", PSK))),
				(client) -> client.pskIdentity(PskIdentity.of("sensor-2", PSK)));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
	}

	@Test
	void certificateChainLargerThanOneDatagram() throws Exception {
		DtlsConnection connection = echo(Endpoints.ipv4(), "localhost",
				(server) -> server.credentials(pki.server(true)).maxDatagramSize(512),
				(client) -> client.trust(pki.trust()).maxDatagramSize(512));
		assertThat(connection.sendLimit()).isLessThan(512);
	}

	/**
	 * Starts a server, connects a client, checks one echo and returns the client's connection,
	 * which stays readable after both endpoints close.
	 */
	private static DtlsConnection echo(InetSocketAddress bind, String host, Consumer<DtlsServerBuilder> serverSetup,
			Consumer<DtlsClientBuilder> clientSetup) throws Exception {
		DtlsServerBuilder serverBuilder = DtlsServer.builder().bindAddress(bind).handler(new EchoHandler());
		serverSetup.accept(serverBuilder);
		DtlsClientBuilder clientBuilder = DtlsClient.builder().connectTimeout(Duration.ofSeconds(10));
		clientSetup.accept(clientBuilder);
		try (DtlsServer server = serverBuilder.build(); DtlsClient client = clientBuilder.build()) {
			server.start();
			DtlsConnection connection = client.connect(host, server.localAddress().getPort());
			byte[] message = ("ping via " + connection.session().cipherSuite()).getBytes(StandardCharsets.UTF_8);
			connection.send(message);
			assertThat(connection.receive(Duration.ofSeconds(5))).isEqualTo(message);
			return connection;
		}
	}

}
