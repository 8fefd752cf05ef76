package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes and echo between the engine's server and client over real loopback sockets.
 */
class HandshakeTest {

	private static final TestPki pki = TestPki.create("handshake-test-root");

	private static final byte[] PSK = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transportsAndBackends")
	@ExtendWith(RunNameOnFailure.class)
	void ecdsa(TransportCase transport, DtlsCryptoBackend backend) throws Exception {
		DtlsConnection connection = echo(transport,
				(server) -> server.credentials(pki.server(false)).cryptoBackend(backend),
				(client) -> client.trust(pki.trust()).cryptoBackend(backend));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
		assertThat(connection.peerAddress().getAddress()).isEqualTo(transport.loopback().getAddress());
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("transportsAndBackends")
	@ExtendWith(RunNameOnFailure.class)
	void rsaCertificate(TransportCase transport, DtlsCryptoBackend backend) throws Exception {
		DtlsConnection connection = echo(transport,
				(server) -> server.credentials(pki.server(true)).cryptoBackend(backend),
				(client) -> client.trust(pki.trust()).cryptoBackend(backend));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		assertThat(connection.session().peerCertificates()).hasSize(2);
	}

	@TransportMatrixTest
	void ccm8ForCoap(TransportCase transport) throws Exception {
		DtlsConnection connection = echo(transport,
				(server) -> server.credentials(pki.server(false)),
				(client) -> client.trust(pki.trust()).cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
	}

	@TransportMatrixTest
	void chacha20Poly1305(TransportCase transport) throws Exception {
		DtlsConnection connection = echo(transport,
				(server) -> server.credentials(pki.server(false)),
				(client) -> client.trust(pki.trust()).cipherSuites("ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
	}

	@TransportMatrixTest
	void clientAuthNeedWithCertificate(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		echo(transport,
				(server) -> server.credentials(pki.server(false))
					.trust(pki.trust())
					.clientAuth(ClientAuth.NEED)
					.handler(handler),
				(client) -> client.trust(pki.trust()).credentials(pki.client("device-7")));
		assertThat(handler.firstConnection().session().peerPrincipal().getName()).isEqualTo("CN=device-7");
	}

	@TransportMatrixTest
	void clientAuthWantWithoutCertificate(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		echo(transport,
				(server) -> server.credentials(pki.server(false))
					.trust(pki.trust())
					.clientAuth(ClientAuth.WANT)
					.handler(handler),
				(client) -> client.trust(pki.trust()));
		assertThat(handler.firstConnection().session().peerCertificates()).isEmpty();
		assertThat(handler.firstConnection().session().peerPrincipal()).isNull();
	}

	@TransportMatrixTest
	void clientAuthNoneIgnoresClientCertificate(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		echo(transport, (server) -> server.credentials(pki.server(false)).handler(handler),
				(client) -> client.trust(pki.trust()).credentials(pki.client("device-8")));
		assertThat(handler.firstConnection().session().peerCertificates()).isEmpty();
	}

	@TransportMatrixTest
	void plainPsk(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		DtlsConnection connection = echo(transport,
				(server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-1", PSK))).handler(handler),
				(client) -> client.pskIdentity(PskIdentity.of("sensor-1", PSK))
					.cipherSuites("TLS_PSK_WITH_AES_128_CCM_8"));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
		assertThat(handler.firstConnection().session().pskIdentity()).isEqualTo("sensor-1");
		assertThat(handler.firstConnection().session().peerPrincipal().getName()).isEqualTo("sensor-1");
	}

	@TransportMatrixTest
	void ecdhePsk(TransportCase transport) throws Exception {
		DtlsConnection connection = echo(transport,
				(server) -> server.pskStore(StaticPskStore.of(Map.of("sensor-2", PSK))),
				(client) -> client.pskIdentity(PskIdentity.of("sensor-2", PSK)));
		assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
	}

	@TransportMatrixTest
	void certificateChainLargerThanOneDatagram(TransportCase transport) throws Exception {
		DtlsConnection connection = echo(transport,
				(server) -> server.credentials(pki.server(true)).maxDatagramSize(512),
				(client) -> client.trust(pki.trust()).maxDatagramSize(512));
		assertThat(connection.sendLimit()).isLessThan(512);
	}

	static Stream<Arguments> transportsAndBackends() {
		return TransportCase.all()
			.stream()
			.flatMap((transport) -> Arrays.stream(DtlsCryptoBackend.values())
				.map((backend) -> Arguments.of(transport, backend)));
	}

	/**
	 * Starts a server, connects a client, checks one echo and returns the client's connection,
	 * which stays readable after both endpoints close.
	 */
	private static DtlsConnection echo(TransportCase transport, Consumer<DtlsServerBuilder> serverSetup,
			Consumer<DtlsClientBuilder> clientSetup) throws Exception {
		DtlsServerBuilder serverBuilder = transport.apply(DtlsServer.builder()).handler(new EchoHandler());
		serverSetup.accept(serverBuilder);
		DtlsClientBuilder clientBuilder = DtlsClient.builder().connectTimeout(Duration.ofSeconds(10));
		clientSetup.accept(clientBuilder);
		try (DtlsServer server = serverBuilder.build(); DtlsClient client = clientBuilder.build()) {
			server.start();
			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
			byte[] message = ("ping via " + connection.session().cipherSuite()).getBytes(StandardCharsets.UTF_8);
			connection.send(message);
			assertThat(connection.receive(Duration.ofSeconds(5))).isEqualTo(message);
			return connection;
		}
	}

}
