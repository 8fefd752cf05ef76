package io.dtls.core.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import io.dtls.test.LinkConditions;
import io.dtls.test.LinkStatistics;
import io.dtls.test.LossyUdpProxy;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes and messages through a lossy proxy: 30% loss in each direction with duplication
 * and reordering. The number of concurrent handshakes per transport case is the system property
 * {@code dtls.reliability.handshakes} (10 by default, so 40 over the four cases, and 200 in the
 * reliability profile).
 */
class LossyNetworkTest {

	private static final TestPki pki = TestPki.create("lossy-test-root");

	private static final LinkConditions RADIO = LinkConditions.of(0.30, 0.05, 0.10);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(
			Long.getLong("dtls.reliability.handshake-timeout-seconds", 120));

	// The four cases run at once, because each waits mostly on retransmission timers, so that in
	// sequence they would take four times as long. The reliability profile runs one at a time.
	@TransportMatrixTest
	@Execution(ExecutionMode.CONCURRENT)
	void handshakesCompleteDespiteLoss(TransportCase transport) throws Exception {
		int handshakes = Integer.getInteger("dtls.reliability.handshakes", 10);
		try (DtlsServer server = server(transport, ConcurrentHashMap.newKeySet());
				LossyUdpProxy proxy = LossyUdpProxy.builder(server.localAddress()).bothWays(RADIO).seed(30).start();
				DtlsClient client = DtlsClient.builder()
					.trust(pki.trust())
					.connectTimeout(HANDSHAKE_TIMEOUT)
					.build()) {
			long start = System.nanoTime();
			List<CompletableFuture<DtlsConnection>> connections = new ArrayList<>();
			List<Long> durations = new java.util.concurrent.CopyOnWriteArrayList<>();
			for (int i = 0; i < handshakes; i++) {
				long begin = System.nanoTime();
				connections.add(client.connectAsync(transport.host(), proxy.port())
					.whenComplete((c, f) -> durations.add((System.nanoTime() - begin) / 1_000_000)));
			}

			// The figures are printed before the checks, so that a failed run shows them too.
			CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new))
				.handle((ignored, failure) -> null)
				.get(HANDSHAKE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			long failed = connections.stream().filter(CompletableFuture::isCompletedExceptionally).count();
			System.out.println(transport + ": handshake durations ms: " + durations.stream().sorted().toList());
			LinkStatistics toServer = proxy.clientToServer();
			LinkStatistics toClient = proxy.serverToClient();
			System.out.printf("%s: %d handshakes through 30%% loss in %d ms, %d failed, %d completed on the server;"
					+ " to server: %s; to client: %s%n", transport, handshakes, elapsed.toMillis(), failed,
					server.statistics().handshakesCompleted(), toServer, toClient);
			System.out.printf("%s: server drops %s, server handshake failures %s%n", transport,
					Counts.nonZero(DropReason.class, server.statistics()::dropped),
					Counts.nonZero(HandshakeFailure.class, server.statistics()::handshakesFailed));
			for (CompletableFuture<DtlsConnection> connection : connections) {
				assertThat(connection.get().isOpen()).isTrue();
			}
			// A client attempt that gave up may still complete on the server, so the server can count more.
			assertThat(server.statistics().handshakesCompleted()).isGreaterThanOrEqualTo(handshakes);
			assertThat(durations).hasSize(handshakes).allMatch((millis) -> millis < HANDSHAKE_TIMEOUT.toMillis());
			assertThat(toServer.dropped()).isPositive();
			assertThat(toClient.dropped()).isPositive();
		}
	}

	@TransportMatrixTest
	void messagesArriveAtMostOnceAndIntact(TransportCase transport) throws Exception {
		Set<String> received = ConcurrentHashMap.newKeySet();
		List<String> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (DtlsServer server = server(transport, received, duplicates);
				LossyUdpProxy proxy = LossyUdpProxy.builder(server.localAddress()).bothWays(RADIO).seed(31).start();
				DtlsClient client = DtlsClient.builder()
					.trust(pki.trust())
					.connectTimeout(HANDSHAKE_TIMEOUT)
					.build()) {
			DtlsConnection connection = client.connect(transport.host(), proxy.port());
			Set<String> sent = new HashSet<>();
			for (int i = 0; i < 1000; i++) {
				String message = "reading-" + i + "-" + "x".repeat(i % 50);
				sent.add(message);
				connection.send(message.getBytes(StandardCharsets.UTF_8));
				if (i % 100 == 99) {
					Thread.sleep(5);
				}
			}
			long duplicated = proxy.clientToServer().duplicated();

			await().atMost(Duration.ofSeconds(10))
				.until(() -> server.statistics().dropped(DropReason.RECORD_REJECTED) >= duplicated / 2);
			System.out.printf("%s: 1000 messages through 30%% loss: %d received once, %d received twice, %d duplicated"
					+ " by the proxy, %d records rejected by the server%n", transport, received.size(), duplicates.size(),
					duplicated, server.statistics().dropped(DropReason.RECORD_REJECTED));
			assertThat(duplicates).isEmpty();
			assertThat(sent).containsAll(received);
			assertThat(received.size()).isBetween(500, 900);
			assertThat(duplicated).isPositive();
		}
	}

	private static DtlsServer server(TransportCase transport, Set<String> received) {
		return server(transport, received, new ArrayList<>());
	}

	private static DtlsServer server(TransportCase transport, Set<String> received, List<String> duplicates) {
		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.handshakeTimeout(HANDSHAKE_TIMEOUT)
			.maxHandshakesPerAddress(256)
			.maxHandshakes(256)
			.inboundQueueCapacity(2000)
			.handler((connection, payload) -> {
				String text = new String(payload, StandardCharsets.UTF_8);
				if (!received.add(text)) {
					duplicates.add(text);
				}
			})
			.build();
		server.start();
		return server;
	}

}
