package io.dtls.core.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionClosedException;
import io.dtls.core.DtlsPayloadTooLargeException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Closing, idle timeout, connection limits, payload limits and concurrent sending, over real
 * handshakes on loopback.
 */
class ConnectionLifecycleTest {

	private static final TestPki pki = TestPki.create("lifecycle-test-root");

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@TransportMatrixTest
	void clientCloseNotifyReachesServerHandler(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		DtlsServer server = start(transport, DtlsServer.builder().handler(handler));
		DtlsClient client = client();
		DtlsConnection connection = client.connect(transport.host(), port(server));
		connection.send(bytes("before close"));
		assertThat(handler.nextMessage(5000)).asString(StandardCharsets.UTF_8).isEqualTo("before close");

		connection.close();

		assertThat(handler.nextCloseReason(5000)).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		assertThat(connection.closeReason()).isEqualTo(CloseReason.CLOSED_LOCALLY);
		await().atMost(Duration.ofSeconds(5)).until(() -> server.connections().isEmpty());
	}

	@TransportMatrixTest
	void serverCloseNotifyReachesClient(TransportCase transport) throws Exception {
		DtlsServer server = start(transport, DtlsServer.builder());
		DtlsClient client = client();
		DtlsConnection clientSide = client.connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(Duration.ofSeconds(5));
		assertThat(serverSide).isNotNull();
		serverSide.send(bytes("last words"));

		serverSide.close();

		assertThat(clientSide.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("last words");
		assertThatExceptionOfType(DtlsConnectionClosedException.class)
			.isThrownBy(() -> clientSide.receive(Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.getCloseReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY));
	}

	@TransportMatrixTest
	void peerCloseLeavesOtherConnectionsOpen(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		DtlsServer server = start(transport, DtlsServer.builder().handler(handler));
		DtlsClient client = client();
		DtlsConnection leaving = client.connect(transport.host(), port(server));
		DtlsConnection staying = client.connect(transport.host(), port(server));

		leaving.close();
		assertThat(handler.nextCloseReason(5000)).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);

		staying.send(bytes("still here"));
		assertThat(staying.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("still here");
		assertThat(server.connections()).hasSize(1);
	}

	@TransportMatrixTest
	void idleConnectionClosedOnTime(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		DtlsServer server = start(transport, DtlsServer.builder().handler(handler).idleTimeout(Duration.ofMillis(600)));
		DtlsConnection connection = client().connect(transport.host(), port(server));
		long start = System.nanoTime();

		assertThat(handler.nextCloseReason(5000)).isEqualTo(CloseReason.IDLE_TIMEOUT);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
		// The server sent close_notify, so the client learns of the close as well.
		await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
		assertThat(connection.closeReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
	}

	@TransportMatrixTest
	void connectionLimitRejectsNewPeers(TransportCase transport) throws Exception {
		DtlsServer server = start(transport, DtlsServer.builder().maxConnections(2, MaxConnectionsPolicy.REJECT_NEW));
		DtlsClient client = client();
		client.connect(transport.host(), port(server));
		client.connect(transport.host(), port(server));

		assertThatExceptionOfType(io.dtls.core.DtlsException.class)
			.isThrownBy(() -> client.connect(transport.host(), port(server), Duration.ofSeconds(2)));

		assertThat(server.connections()).hasSize(2);
		assertThat(server.statistics().dropped(DropReason.CONNECTION_LIMIT)).isPositive();
	}

	@TransportMatrixTest
	void connectionLimitEvictsLeastRecentlyActive(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		DtlsServer server = start(transport, DtlsServer.builder()
			.handler(handler)
			.maxConnections(2, MaxConnectionsPolicy.EVICT_LEAST_RECENTLY_ACTIVE));
		DtlsClient client = client();
		DtlsConnection oldest = client.connect(transport.host(), port(server));
		Thread.sleep(50);
		DtlsConnection recent = client.connect(transport.host(), port(server));
		Thread.sleep(50);
		recent.send(bytes("keep me"));
		assertThat(handler.nextMessage(5000)).isNotNull();

		DtlsConnection newest = client.connect(transport.host(), port(server));

		assertThat(handler.nextCloseReason(5000)).isEqualTo(CloseReason.EVICTED);
		await().atMost(Duration.ofSeconds(5)).until(() -> !oldest.isOpen());
		assertThat(recent.isOpen()).isTrue();
		assertThat(newest.isOpen()).isTrue();
		assertThat(server.connections()).hasSize(2);
	}

	@TransportMatrixTest
	void oversizedPayloadRejectedWithLimit(TransportCase transport) throws Exception {
		DtlsServer server = start(transport, DtlsServer.builder());
		DtlsConnection connection = client().connect(transport.host(), port(server));
		int limit = connection.sendLimit();

		assertThatExceptionOfType(DtlsPayloadTooLargeException.class)
			.isThrownBy(() -> connection.send(new byte[limit + 1]))
			.withMessageContaining(String.valueOf(limit))
			.satisfies((ex) -> assertThat(ex.getSendLimit()).isEqualTo(limit));

		connection.send(new byte[limit]);
		DtlsConnection serverSide = server.accept(Duration.ofSeconds(5));
		assertThat(serverSide.receive(Duration.ofSeconds(5))).hasSize(limit);
	}

	@TransportMatrixTest
	void sendAfterCloseFails(TransportCase transport) throws Exception {
		DtlsServer server = start(transport, DtlsServer.builder());
		DtlsConnection connection = client().connect(transport.host(), port(server));
		connection.close();

		assertThatExceptionOfType(DtlsConnectionClosedException.class).isThrownBy(() -> connection.send(bytes("late")))
			.withMessageContaining("closed");
	}

	@TransportMatrixTest
	void acceptAndReceiveWithoutHandler(TransportCase transport) throws Exception {
		DtlsServer server = start(transport, DtlsServer.builder());
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		clientSide.send(ByteBuffer.wrap(bytes("first")));
		clientSide.send(bytes("second"));

		DtlsConnection serverSide = server.accept(Duration.ofSeconds(5));

		assertThat(serverSide.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("first");
		assertThat(serverSide.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("second");
		assertThat(serverSide.receive(Duration.ofMillis(100))).isNull();
		assertThat(serverSide.peerAddress()).isEqualTo(clientSide.localAddress());
	}

	@TransportMatrixTest
	void concurrentSendersOnOneConnection(TransportCase transport) throws Exception {
		int threads = 8;
		int perRound = 50;
		int rounds = 5;
		DtlsServer server = start(transport, DtlsServer.builder().inboundQueueCapacity(threads * perRound));
		DtlsConnection clientSide = client().connect(transport.host(), port(server));
		DtlsConnection serverSide = server.accept(Duration.ofSeconds(5));
		ExecutorService senders = Executors.newFixedThreadPool(threads);
		Set<String> received = new HashSet<>();
		int count = 0;
		// Rounds keep each burst within the socket buffers, so that only thread safety is tested.
		for (int round = 0; round < rounds; round++) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String prefix = "round-" + round + "-thread-" + t + "-message-";
				results.add(senders.submit(() -> {
					start.await();
					for (int i = 0; i < perRound; i++) {
						clientSide.send(bytes(prefix + i));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> result : results) {
				result.get(30, TimeUnit.SECONDS);
			}
			byte[] message;
			for (int i = 0; i < threads * perRound && (message = serverSide.receive(Duration.ofSeconds(5))) != null; i++) {
				received.add(new String(message, StandardCharsets.UTF_8));
				count++;
			}
		}
		senders.shutdown();

		assertThat(count).isEqualTo(threads * perRound * rounds);
		assertThat(received).hasSize(threads * perRound * rounds);
		assertThat(received).allMatch((text) -> text.matches("round-\\d-thread-\\d-message-\\d+"));
	}

	private DtlsServer start(TransportCase transport, DtlsServerBuilder builder) {
		DtlsServer server = transport.apply(builder).credentials(pki.server(false)).build();
		server.start();
		this.resources.add(0, server);
		return server;
	}

	private DtlsClient client() {
		DtlsClient client = DtlsClient.builder().trust(pki.trust()).connectTimeout(Duration.ofSeconds(10)).build();
		this.resources.add(0, client);
		return client;
	}

	private static int port(DtlsServer server) {
		return server.localAddress().getPort();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
