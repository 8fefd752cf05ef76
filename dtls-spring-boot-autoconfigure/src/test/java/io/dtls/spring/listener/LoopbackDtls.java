package io.dtls.spring.listener;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A real DTLS server without a handler and two clients on 127.0.0.1: one that authenticates with a
 * certificate and one that stays anonymous. Tests wrap each accepted server-side connection in a
 * {@link DtlsPeer}, hand messages from it to the dispatcher themselves, and read replies on the
 * client side.
 */
final class LoopbackDtls implements AutoCloseable {

	/** Common name of the authenticated client's certificate. */
	static final String CLIENT_COMMON_NAME = "sensor-17";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final DtlsServer server;

	private final DtlsClient authenticatedClient;

	private final DtlsClient anonymousClient;

	private LoopbackDtls(DtlsServer server, DtlsClient authenticatedClient, DtlsClient anonymousClient) {
		this.server = server;
		this.authenticatedClient = authenticatedClient;
		this.anonymousClient = anonymousClient;
	}

	static LoopbackDtls start() {
		X509Credentials serverCredentials = SelfSignedCertificateGenerator.generateDefault();
		X509Credentials clientCredentials = SelfSignedCertificateGenerator.generate(CLIENT_COMMON_NAME, List.of(),
				Duration.ofDays(1));
		DtlsServer server = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.credentials(serverCredentials)
			.trust(TrustMaterial.of(List.of(clientCredentials.leafCertificate())))
			.clientAuth(ClientAuth.WANT)
			.build();
		server.start();
		TrustMaterial serverTrust = TrustMaterial.of(List.of(serverCredentials.leafCertificate()));
		DtlsClient authenticatedClient = DtlsClient.builder()
			.trust(serverTrust)
			.credentials(clientCredentials)
			.connectTimeout(TIMEOUT)
			.build();
		DtlsClient anonymousClient = DtlsClient.builder().trust(serverTrust).connectTimeout(TIMEOUT).build();
		return new LoopbackDtls(server, authenticatedClient, anonymousClient);
	}

	/**
	 * Connects the client with a certificate and returns both ends of the connection.
	 */
	Link connect() throws InterruptedException {
		return connect(this.authenticatedClient);
	}

	/**
	 * Connects the client without a certificate and returns both ends of the connection.
	 */
	Link connectAnonymous() throws InterruptedException {
		return connect(this.anonymousClient);
	}

	private Link connect(DtlsClient client) throws InterruptedException {
		DtlsConnection clientConnection = client.connect("127.0.0.1", this.server.localAddress().getPort());
		DtlsConnection serverConnection = this.server.accept(TIMEOUT);
		if (serverConnection == null) {
			clientConnection.close();
			throw new IllegalStateException("Server accepted no connection within " + TIMEOUT);
		}
		return new Link(new DtlsPeer(serverConnection), clientConnection);
	}

	@Override
	public void close() {
		this.authenticatedClient.close();
		this.anonymousClient.close();
		this.server.stop(Duration.ofSeconds(2));
	}

	/**
	 * Both ends of one DTLS connection: the server side as a {@link DtlsPeer} and the client side.
	 */
	record Link(DtlsPeer peer, DtlsConnection client) implements AutoCloseable {

		/**
		 * Builds a message as the DTLS inbound adapter does, with every {@link DtlsHeaders} header.
		 */
		Message<byte[]> message(byte[] payload) {
			InetSocketAddress address = this.peer.address();
			MessageBuilder<byte[]> builder = MessageBuilder.withPayload(payload)
				.setHeader(DtlsHeaders.PEER, this.peer)
				.setHeader(DtlsHeaders.IP_ADDRESS, address.getAddress().getHostAddress())
				.setHeader(DtlsHeaders.HOSTNAME, address.getHostString())
				.setHeader(DtlsHeaders.PORT, address.getPort())
				.setHeader(DtlsHeaders.CONNECTION_ID, this.peer.connectionId())
				.setHeader(DtlsHeaders.SESSION_ID, this.peer.session().sessionId())
				.setHeader(DtlsHeaders.CIPHER_SUITE, this.peer.cipherSuite());
			if (this.peer.principal() != null) {
				builder.setHeader(DtlsHeaders.PRINCIPAL, this.peer.principal());
			}
			return builder.build();
		}

		Message<byte[]> message(String payload) {
			return message(payload.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Waits up to 5 seconds for a reply on the client side.
		 */
		byte @Nullable [] receive() throws InterruptedException {
			return this.client.receive(Duration.ofSeconds(5));
		}

		/**
		 * Waits up to 5 seconds for a reply on the client side and decodes it as UTF-8.
		 */
		@Nullable String receiveText() throws InterruptedException {
			byte[] reply = receive();
			return (reply != null) ? new String(reply, StandardCharsets.UTF_8) : null;
		}

		/**
		 * Waits 300 ms for a reply that should not come, and returns it if one does.
		 */
		byte @Nullable [] receiveUnexpected() throws InterruptedException {
			return this.client.receive(Duration.ofMillis(300));
		}

		@Override
		public void close() {
			this.client.close();
			this.peer.connection().close();
		}

	}

}
