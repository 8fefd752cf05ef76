package io.dtls.spring.boot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context while peers have messages queued: every message the server
 * received reaches the listener, and every peer receives close_notify.
 */
class GracefulShutdownTest {

	private static final Set<String> handled = ConcurrentHashMap.newKeySet();

	@Test
	void shutdownFinishesDeliveredMessagesAndNotifiesPeers() throws Exception {
		byte[] key = "shutdown-test-key".getBytes(StandardCharsets.UTF_8);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				SlowListener.class)
			.web(WebApplicationType.NONE)
			.run("--dtls.server.port=0", "--dtls.server.address=127.0.0.1",
					"--dtls.server.psk.identities.device=shutdown-test-key", "--dtls.server.inbound-queue-capacity=500",
					"--spring.lifecycle.timeout-per-shutdown-phase=30s");
		DtlsServer server = context.getBean(DtlsServer.class);
		try (DtlsClient client = DtlsClient.builder().pskIdentity(PskIdentity.of("device", key)).build()) {
			List<DtlsConnection> peers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				peers.add(client.connect("127.0.0.1", server.localAddress().getPort()));
			}
			for (int n = 0; n < 100; n++) {
				for (int p = 0; p < peers.size(); p++) {
					peers.get(p).send(("peer-" + p + "-" + n).getBytes(StandardCharsets.UTF_8));
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> server.statistics().datagramsReceived() >= 300 + 3 * 3);
			assertThat(handled.size()).as("messages handled before shutdown").isLessThan(300);

			context.close();

			assertThat(handled).hasSize(300);
			for (DtlsConnection peer : peers) {
				await().atMost(Duration.ofSeconds(5)).until(() -> !peer.isOpen());
				assertThat(peer.closeReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
			}
			assertThat(server.isRunning()).isFalse();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowListener {

		@DtlsListener
		void handle(String payload) throws InterruptedException {
			Thread.sleep(5);
			handled.add(payload);
		}

	}

}
