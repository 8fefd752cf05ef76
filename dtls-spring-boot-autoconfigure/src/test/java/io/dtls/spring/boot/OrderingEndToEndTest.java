package io.dtls.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.DtlsPeer;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twenty peers each send 500 numbered messages at once: each peer's messages reach the
 * listener in order, none lost or duplicated, while peers run in parallel.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "dtls.server.port=0", "dtls.server.address=127.0.0.1",
				"dtls.server.psk.identities.peer=hex:000102030405060708090a0b0c0d0e0f",
				"dtls.server.inbound-queue-capacity=1000", "dtls.listener.threads=4" })
@Import(OrderingEndToEndTest.CountingListener.class)
class OrderingEndToEndTest {

	private static final int PEERS = 20;

	private static final int MESSAGES = 500;

	@Autowired
	private DtlsServer server;

	@Autowired
	private CountingListener listener;

	@Test
	void eachPeersMessagesArriveInOrder() throws Exception {
		byte[] key = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
		try (DtlsClient client = DtlsClient.builder().pskIdentity(PskIdentity.of("peer", key)).build()) {
			List<DtlsConnection> connections = new ArrayList<>();
			for (int i = 0; i < PEERS; i++) {
				connections.add(client.connect("127.0.0.1", this.server.localAddress().getPort()));
			}
			ExecutorService senders = Executors.newFixedThreadPool(PEERS);
			List<Future<?>> sent = new ArrayList<>();
			for (DtlsConnection connection : connections) {
				sent.add(senders.submit(() -> {
					for (int n = 0; n < MESSAGES; n++) {
						connection.send(Integer.toString(n).getBytes());
						if (n % 50 == 49) {
							// A short pause now and then keeps the burst within loopback socket buffers.
							Thread.sleep(1);
						}
					}
					return null;
				}));
			}
			for (Future<?> result : sent) {
				result.get(60, TimeUnit.SECONDS);
			}
			senders.shutdown();

			await().atMost(Duration.ofSeconds(30)).until(() -> this.listener.total.get() >= PEERS * MESSAGES);
			assertThat(this.listener.total.get()).isEqualTo(PEERS * MESSAGES);
			assertThat(this.listener.sequences).hasSize(PEERS);
			for (List<Integer> sequence : this.listener.sequences.values()) {
				assertThat(sequence).hasSize(MESSAGES);
				assertThat(sequence).isSorted().doesNotHaveDuplicates();
			}
			assertThat(this.listener.maxConcurrent.get()).as("listener calls running at once").isGreaterThan(1);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingListener {

		final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();

		final AtomicInteger total = new AtomicInteger();

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxConcurrent = new AtomicInteger();

		@DtlsListener
		void receive(String payload, DtlsPeer peer) throws InterruptedException {
			int now = this.running.incrementAndGet();
			this.maxConcurrent.accumulateAndGet(now, Math::max);
			this.sequences.computeIfAbsent(peer.connectionId(), (id) -> new CopyOnWriteArrayList<>())
				.add(Integer.parseInt(payload));
			if (this.total.get() % 100 == 0) {
				Thread.sleep(1);
			}
			this.running.decrementAndGet();
			this.total.incrementAndGet();
		}

	}

}
