package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.StalledPeer;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Handshake limits, the handshake timeout and the bounded inbound queue.
 */
class ResourceLimitsTest {

	private static final TestPki pki = TestPki.create("limits-test-root");

	private static byte[] clientHello;

	@BeforeAll
	static void captureClientHello() throws Exception {
		clientHello = RawDtls.captureClientHello();
	}

	@TransportMatrixTest
	void handshakesPerAddressLimitDropsExcess(TransportCase transport) throws Exception {
		try (DtlsServer server = server(transport).maxHandshakesPerAddress(1).build();
				StalledPeer first = new StalledPeer(transport.peerHost(3));
				StalledPeer second = new StalledPeer(transport.peerHost(3))) {
			server.start();

			assertThat(first.startHandshake(clientHello, server.localAddress())).isTrue();
			assertThat(second.startHandshake(clientHello, server.localAddress())).isFalse();

			assertThat(server.statistics().dropped(DropReason.HANDSHAKES_PER_ADDRESS_LIMIT)).isEqualTo(1);
			assertThat(server.handshakesInProgress()).isEqualTo(1);
		}
	}

	@TransportMatrixTest
	void handshakesPerAddressLimitSparesOtherAddresses(TransportCase transport) throws Exception {
		assumeFalse(transport.ipv6(), "IPv6 has the single loopback address ::1, so no second source address");
		try (DtlsServer server = server(transport).maxHandshakesPerAddress(1).build();
				StalledPeer stalled = new StalledPeer(transport.peerHost(3));
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			assertThat(stalled.startHandshake(clientHello, server.localAddress())).isTrue();

			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());

			assertThat(connection.isOpen()).isTrue();
			assertThat(server.statistics().dropped(DropReason.HANDSHAKES_PER_ADDRESS_LIMIT)).isZero();
		}
	}

	@TransportMatrixTest
	void globalHandshakeLimitDropsBeyondIt(TransportCase transport) throws Exception {
		try (DtlsServer server = server(transport).maxHandshakes(2).build();
				StalledPeer first = new StalledPeer(transport.peerHost(4));
				StalledPeer second = new StalledPeer(transport.peerHost(5));
				StalledPeer third = new StalledPeer(transport.peerHost(6))) {
			server.start();

			assertThat(first.startHandshake(clientHello, server.localAddress())).isTrue();
			assertThat(second.startHandshake(clientHello, server.localAddress())).isTrue();
			assertThat(third.startHandshake(clientHello, server.localAddress())).isFalse();

			assertThat(server.statistics().dropped(DropReason.HANDSHAKE_LIMIT)).isEqualTo(1);
			assertThat(server.handshakesInProgress()).isEqualTo(2);
		}
	}

	@TransportMatrixTest
	void stalledHandshakeEndsAtTimeout(TransportCase transport) throws Exception {
		try (DtlsServer server = server(transport).handshakeTimeout(Duration.ofSeconds(1)).build();
				StalledPeer peer = new StalledPeer(transport.peerHost(7))) {
			server.start();
			long start = System.nanoTime();

			assertThat(peer.startHandshake(clientHello, server.localAddress())).isTrue();

			await().atMost(Duration.ofSeconds(10)).until(() -> server.handshakesInProgress() == 0);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(server.statistics().handshakesFailed(HandshakeFailure.TIMEOUT)).isEqualTo(1);
		}
	}

	@TransportMatrixTest
	void fullInboundQueueDropsWithoutBlockingOthers(TransportCase transport) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		DtlsConnectionHandler handler = (connection, payload) -> {
			String text = new String(payload, StandardCharsets.UTF_8);
			if (text.startsWith("slow")) {
				awaitRelease(release);
			}
			connection.send(payload);
		};
		try (DtlsServer server = server(transport).inboundQueueCapacity(4).handler(handler).build();
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			int port = server.localAddress().getPort();
			DtlsConnection slow = client.connect(transport.host(), port);
			DtlsConnection fast = client.connect(transport.host(), port);

			for (int i = 0; i < 50; i++) {
				slow.send(("slow " + i).getBytes(StandardCharsets.UTF_8));
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> server.statistics().dropped(DropReason.INBOUND_QUEUE_FULL) >= 40);

			fast.send("fast".getBytes(StandardCharsets.UTF_8));
			assertThat(fast.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).isEqualTo("fast");
			release.countDown();
			assertThat(slow.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8).startsWith("slow");
			DtlsConnection serverSide = server.connection(slow.localAddress()).orElseThrow();
			assertThat(serverSide.droppedMessages()).isEqualTo(server.statistics().dropped(DropReason.INBOUND_QUEUE_FULL));
		}
	}

	private static DtlsServerBuilder server(TransportCase transport) {
		return transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.handler(new EchoHandler());
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
