package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionClosedException;
import io.dtls.core.DtlsException;
import io.dtls.core.PlainUdpChannel;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.support.KernelSockets;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Leaving DTLS for plain UDP with the same peer after a close_notify exchange, on both sides
 * and with either demultiplexer.
 */
class UnwrapTest {

	private static final TestPki pki = TestPki.create("unwrap-test-root");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@TransportMatrixTest
	void bothSidesUnwrapAndExchangePlainDatagrams(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(TIMEOUT);
		clientSide.send(bytes("leave DTLS"));
		assertThat(text(serverSide.receive(TIMEOUT))).isEqualTo("leave DTLS");

		CompletableFuture<PlainUdpChannel> serverUnwrap = unwrapAsync(serverSide);
		PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
		PlainUdpChannel serverPlain = serverUnwrap.get(10, TimeUnit.SECONDS);
		clientPlain.send(bytes("plain request"));
		byte[] request = serverPlain.receive(TIMEOUT);
		serverPlain.send(bytes("plain reply"));

		// A plain datagram arrives as sent, with no record header around it.
		assertThat(text(request)).isEqualTo("plain request");
		assertThat(text(clientPlain.receive(TIMEOUT))).isEqualTo("plain reply");
		assertThat(serverPlain.peerAddress()).isEqualTo(clientSide.localAddress());
		assertThat(serverPlain.localAddress().getPort()).isEqualTo(port(server));
		assertThat(clientSide.isOpen()).isFalse();
		assertThat(serverSide.isOpen()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> clientPlain.send(new byte[0]))
			.withMessageContaining("empty payload");
		await().atMost(TIMEOUT).until(() -> server.connections().isEmpty());
	}

	@TransportMatrixTest
	void lateUnwrapAfterPeerCloseNotifyKeepsDatagrams(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(TIMEOUT);

		PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
		clientPlain.send(bytes("sent before the server unwrapped"));
		await().atMost(TIMEOUT).until(() -> !serverSide.isOpen());
		PlainUdpChannel serverPlain = serverSide.unwrap(TIMEOUT);

		assertThat(serverSide.closeReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		assertThat(text(serverPlain.receive(TIMEOUT))).isEqualTo("sent before the server unwrapped");
	}

	@TransportMatrixTest
	void unwrapRightAfterReceiveEnds(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsClient client = client();
		for (int round = 0; round < 10; round++) {
			DtlsConnection clientSide = client.connect(transport.host(), port(server));
			DtlsConnection serverSide = server.accept(TIMEOUT);
			CompletableFuture<PlainUdpChannel> clientUnwrap = unwrapAsync(clientSide);
			assertThatExceptionOfType(DtlsConnectionClosedException.class)
				.isThrownBy(() -> serverSide.receive(TIMEOUT));

			PlainUdpChannel serverPlain = serverSide.unwrap(TIMEOUT);
			PlainUdpChannel clientPlain = clientUnwrap.get(10, TimeUnit.SECONDS);
			// The server closed the peer's socket before its reply, so no plain datagram can
			// reach a socket that is about to close.
			assertThat(KernelSockets.connectedSocketsOn(server.localAddress())).isZero();
			clientPlain.send(bytes("round " + round));

			assertThat(text(serverPlain.receive(TIMEOUT))).isEqualTo("round " + round);
			serverPlain.close();
		}
	}

	@TransportMatrixTest
	void simultaneousUnwrapCycles(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsClient client = client();
		for (int round = 0; round < 50; round++) {
			DtlsConnection clientSide = client.connect(transport.host(), port(server));
			DtlsConnection serverSide = server.accept(TIMEOUT);
			CompletableFuture<PlainUdpChannel> serverUnwrap = unwrapAsync(serverSide);
			PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
			PlainUdpChannel serverPlain = serverUnwrap.get(10, TimeUnit.SECONDS);
			clientPlain.send(bytes("request " + round));
			serverPlain.send(bytes("reply " + round));

			assertThat(text(serverPlain.receive(TIMEOUT))).isEqualTo("request " + round);
			assertThat(text(clientPlain.receive(TIMEOUT))).isEqualTo("reply " + round);
			serverPlain.close();
			clientPlain.close();
		}
	}

	@TransportMatrixTest
	void firstPlainDatagramReachesTheInitiator(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsClient client = client();
		for (int round = 0; round < 10; round++) {
			DtlsConnection clientSide = client.connect(transport.host(), port(server));
			DtlsConnection serverSide = server.accept(TIMEOUT);
			CompletableFuture<PlainUdpChannel> serverUnwrap = unwrapAsync(serverSide);
			await().atMost(TIMEOUT).until(() -> !clientSide.isOpen());

			PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
			clientPlain.send(bytes("sent at once, round " + round));

			PlainUdpChannel serverPlain = serverUnwrap.get(10, TimeUnit.SECONDS);
			assertThat(text(serverPlain.receive(TIMEOUT))).isEqualTo("sent at once, round " + round);
			serverPlain.close();
			clientPlain.close();
		}
	}

	@TransportMatrixTest
	void serverUnwrapAnsweredByClientStack(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(TIMEOUT);

		PlainUdpChannel serverPlain = serverSide.unwrap(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> !clientSide.isOpen());
		PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
		serverPlain.send(bytes("from the server"));

		assertThat(clientSide.closeReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		assertThat(text(clientPlain.receive(TIMEOUT))).isEqualTo("from the server");
	}

	@TransportMatrixTest
	void connectionClosedWithoutExchangeCannotUnwrap(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		server.accept(TIMEOUT);
		clientSide.close();

		assertThatExceptionOfType(DtlsConnectionClosedException.class).isThrownBy(() -> clientSide.unwrap(TIMEOUT))
			.withMessageContaining("cannot be unwrapped");
	}

	@TransportMatrixTest
	void unclaimedRouteExpiresAndCountsItsDatagrams(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(TIMEOUT);
		PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
		clientPlain.send(bytes("nobody unwraps on the server"));
		await().atMost(TIMEOUT).until(() -> !serverSide.isOpen());
		long closedDrops = server.statistics().dropped(DropReason.CONNECTION_CLOSED);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> server.statistics().dropped(DropReason.CONNECTION_CLOSED) > closedDrops);

		assertThatExceptionOfType(DtlsConnectionClosedException.class).isThrownBy(() -> serverSide.unwrap(TIMEOUT))
			.withMessageContaining("came more than");
	}

	@TransportMatrixTest
	void closingPlainChannelsReleasesThePeer(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		Unwrapped unwrapped = connectAndUnwrapBoth(transport, server);

		unwrapped.serverPlain().close();
		unwrapped.clientPlain().close();

		assertThatExceptionOfType(DtlsException.class).isThrownBy(() -> unwrapped.serverPlain().receive(TIMEOUT));
		assertThatExceptionOfType(DtlsException.class)
			.isThrownBy(() -> unwrapped.clientPlain().send(bytes("too late")));
		await().atMost(TIMEOUT).until(() -> KernelSockets.connectedSocketsOn(server.localAddress()) == 0);
	}

	@TransportMatrixTest
	void stoppingTheServerClosesPlainChannels(TransportCase transport) throws Exception {
		DtlsServer server = start(transport);
		Unwrapped unwrapped = connectAndUnwrapBoth(transport, server);

		server.stop(TIMEOUT);

		assertThat(unwrapped.serverPlain().isOpen()).isFalse();
	}

	/**
	 * Connects a client and unwraps the connection on both sides at once.
	 */
	private Unwrapped connectAndUnwrapBoth(TransportCase transport, DtlsServer server) throws Exception {
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(TIMEOUT);
		CompletableFuture<PlainUdpChannel> serverUnwrap = unwrapAsync(serverSide);
		PlainUdpChannel clientPlain = clientSide.unwrap(TIMEOUT);
		return new Unwrapped(clientPlain, serverUnwrap.get(10, TimeUnit.SECONDS));
	}

	private record Unwrapped(PlainUdpChannel clientPlain, PlainUdpChannel serverPlain) {
	}

	private static CompletableFuture<PlainUdpChannel> unwrapAsync(DtlsConnection connection) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return connection.unwrap(TIMEOUT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
	}

	private DtlsServer start(TransportCase transport) {
		DtlsServer server = transport.apply(DtlsServer.builder()).credentials(pki.server(false)).build();
		server.start();
		this.resources.add(0, server);
		return server;
	}

	private DtlsClient client() {
		DtlsClient client = DtlsClient.builder().trust(pki.trust()).connectTimeout(TIMEOUT).build();
		this.resources.add(0, client);
		return client;
	}

	private static int port(DtlsServer server) {
		return server.localAddress().getPort();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "(nothing)";
	}

}
