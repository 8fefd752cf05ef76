package io.dtls.core.reliability;

import java.net.InetSocketAddress;
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
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.support.TestPki;
import io.dtls.test.LinkConditions;
import io.dtls.test.LinkStatistics;
import io.dtls.test.LossyUdpProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes and messages through a lossy proxy: 30% loss in each direction with duplication
 * and reordering. The number of handshakes is the system property {@code dtls.reliability.handshakes}
 * (40 by default, 200 in the reliability profile).
 */
class LossyNetworkTest {

	private static final TestPki pki = TestPki.create("lossy-test-root");

	private static final LinkConditions RADIO = LinkConditions.of(0.30, 0.05, 0.10);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(
			Long.getLong("dtls.reliability.handshake-timeout-seconds", 120));

	@Test
	void handshakesCompleteDespiteLoss() throws Exception {
		int handshakes = Integer.getInteger("dtls.reliability.handshakes", 40);
		try (DtlsServer server = server(ConcurrentHashMap.newKeySet());
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
				connections.add(client.connectAsync("localhost", proxy.port())
					.whenComplete((c, f) -> durations.add((System.nanoTime() - begin) / 1_000_000)));
			}

			for (CompletableFuture<DtlsConnection> connection : connections) {
				assertThat(connection.get(HANDSHAKE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS).isOpen()).isTrue();
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("handshake durations ms: " + durations.stream().sorted().toList());
			LinkStatistics toServer = proxy.clientToServer();
			LinkStatistics toClient = proxy.serverToClient();
			System.out.printf("%d handshakes through 30%% loss in %d ms; to server: %s; to client: %s%n", handshakes,
					elapsed.toMillis(), toServer, toClient);
			// A client attempt that gave up may still complete on the server, so the server can count more.
			assertThat(server.statistics().handshakesCompleted()).isGreaterThanOrEqualTo(handshakes);
			assertThat(durations).hasSize(handshakes).allMatch((millis) -> millis < HANDSHAKE_TIMEOUT.toMillis());
			assertThat(toServer.dropped()).isPositive();
			assertThat(toClient.dropped()).isPositive();
		}
	}

	@Test
	void messagesArriveAtMostOnceAndIntact() throws Exception {
		Set<String> received = ConcurrentHashMap.newKeySet();
		List<String> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (DtlsServer server = server(received, duplicates);
				LossyUdpProxy proxy = LossyUdpProxy.builder(server.localAddress()).bothWays(RADIO).seed(31).start();
				DtlsClient client = DtlsClient.builder()
					.trust(pki.trust())
					.connectTimeout(HANDSHAKE_TIMEOUT)
					.build()) {
			DtlsConnection connection = client.connect("localhost", proxy.port());
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
			System.out.printf("1000 messages through 30%% loss: %d received once, %d received twice, %d duplicated"
					+ " by the proxy, %d records rejected by the server%n", received.size(), duplicates.size(),
					duplicated, server.statistics().dropped(DropReason.RECORD_REJECTED));
			assertThat(duplicates).isEmpty();
			assertThat(sent).containsAll(received);
			assertThat(received.size()).isBetween(500, 900);
			assertThat(duplicated).isPositive();
		}
	}

	private static DtlsServer server(Set<String> received) {
		return server(received, new ArrayList<>());
	}

	private static DtlsServer server(Set<String> received, List<String> duplicates) {
		DtlsServer server = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
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
