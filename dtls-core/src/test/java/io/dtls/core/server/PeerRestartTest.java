package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.UdpRelay;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that loses its state and handshakes again from the same address, such as a rebooted
 * device (RFC 6347 4.2.8), replaces its old connection.
 */
class PeerRestartTest {

	private static final TestPki pki = TestPki.create("restart-test-root");

	@TransportMatrixTest
	void newHandshakeFromSameAddressReplacesConnection(TransportCase transport) throws Exception {
		CapturingHandler handler = new CapturingHandler();
		try (DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.handler(handler)
			.build()) {
			server.start();
			try (UdpRelay relay = new UdpRelay(server.localAddress());
					DtlsClient beforeReboot = DtlsClient.builder().trust(pki.trust()).build();
					DtlsClient afterReboot = DtlsClient.builder().trust(pki.trust()).build()) {
				DtlsConnection old = beforeReboot.connect(transport.host(), relay.port());
				old.send(bytes("from the old session"));
				assertThat(old.receive(Duration.ofSeconds(5))).isNotNull();
				DtlsConnection oldServerSide = handler.firstConnection();

				DtlsConnection fresh = afterReboot.connect(transport.host(), relay.port());

				assertThat(handler.nextCloseReason(5000)).isEqualTo(CloseReason.REPLACED);
				assertThat(oldServerSide.isOpen()).isFalse();
				await().atMost(Duration.ofSeconds(5)).until(() -> server.connections().size() == 1);
				assertThat(server.connections().get(0).peerAddress()).isEqualTo(relay.upstreamAddress());
				fresh.send(bytes("from the new session"));
				assertThat(fresh.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8)
					.isEqualTo("from the new session");

				// Records of the old session, now sent from the same address, are dropped silently.
				long before = server.statistics().dropped();
				old.send(bytes("stale"));
				await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().dropped() > before);
				fresh.send(bytes("still served"));
				assertThat(fresh.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8)
					.isEqualTo("still served");
				assertThat(server.connections()).hasSize(1);
			}
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
