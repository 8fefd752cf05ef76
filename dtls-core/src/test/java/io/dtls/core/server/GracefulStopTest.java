package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping a server under load: every message the engine accepted reaches the handler, every
 * peer receives close_notify, and the server's threads end.
 */
class GracefulStopTest {

	private static final TestPki pki = TestPki.create("stop-test-root");

	@TransportMatrixTest
	void stopDeliversAcceptedMessagesAndNotifiesPeers(TransportCase transport) throws Exception {
		Set<String> handled = ConcurrentHashMap.newKeySet();
		DtlsConnectionHandler slowHandler = (connection, payload) -> {
			sleep(2);
			handled.add(new String(payload, StandardCharsets.UTF_8));
		};
		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.inboundQueueCapacity(1000)
			.handler(slowHandler)
			.build();
		server.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			List<DtlsConnection> peers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				peers.add(client.connect(transport.host(), server.localAddress().getPort()));
			}
			// Every handshake datagram has arrived once the clients are connected, however many
			// flights were sent again.
			long handshakeDatagrams = server.statistics().datagramsReceived();
			for (int round = 0; round < 100; round++) {
				for (int peer = 0; peer < peers.size(); peer++) {
					peers.get(peer).send(("peer-" + peer + "-message-" + round).getBytes(StandardCharsets.UTF_8));
				}
			}
			// Wait until the server has received everything, most of it still queued for the slow handler.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> server.statistics().datagramsReceived() >= handshakeDatagrams + 400);
			long accepted = server.statistics().datagramsReceived();

			server.stop(Duration.ofSeconds(20));

			assertThat(handled).hasSize(400);
			for (DtlsConnection peer : peers) {
				await().atMost(Duration.ofSeconds(5)).until(() -> !peer.isOpen());
				assertThat(peer.closeReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
			}
			assertThat(server.statistics().datagramsReceived()).isEqualTo(accepted);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> engineThreads().isEmpty());
		assertThat(server.isRunning()).isFalse();
	}

	private static Set<String> engineThreads() {
		Set<String> names = ConcurrentHashMap.newKeySet();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && thread.getName().startsWith("dtls-")) {
				names.add(thread.getName());
			}
		}
		return names;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
