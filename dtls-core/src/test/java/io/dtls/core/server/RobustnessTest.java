package io.dtls.core.server;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionClosedException;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.DtlsHandshakeException;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.StalledPeer;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Hostile or unlucky use: peers that stall after the cookie exchange, handlers that throw
 * errors, stops that race each other, sends that race a close, and malformed or oversized
 * datagrams.
 */
class RobustnessTest {

	private static final TestPki pki = TestPki.create("robustness-test-root");

	@Test
	void stalledPeersLoseSlotsToNewPeers() throws Exception {
		byte[] clientHello = RawDtls.captureClientHello();
		try (DtlsServer server = server().maxHandshakes(2)
			.handshakeStallTimeout(Duration.ofMillis(300))
			.handshakeTimeout(Duration.ofSeconds(30))
			.build();
				StalledPeer first = new StalledPeer("127.0.0.11");
				StalledPeer second = new StalledPeer("127.0.0.12");
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			assertThat(first.startHandshake(clientHello, server.localAddress())).isTrue();
			assertThat(second.startHandshake(clientHello, server.localAddress())).isTrue();
			Thread.sleep(400);

			DtlsConnection connection = client.connect("localhost", server.localAddress().getPort(),
					Duration.ofSeconds(10));

			assertThat(connection.isOpen()).isTrue();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> server.statistics().handshakesFailed(HandshakeFailure.TIMEOUT) >= 1);
		}
	}

	@Test
	void closedPortFailsFastAsUnreachable() throws Exception {
		int closedPort;
		try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			closedPort = probe.getLocalPort();
		}
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect("127.0.0.1", closedPort, Duration.ofSeconds(20)))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.UNREACHABLE))
				.withMessageContaining("nothing listens");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void handlerErrorKeepsLaterMessagesFlowing() throws Exception {
		List<String> handled = new CopyOnWriteArrayList<>();
		DtlsConnectionHandler handler = (connection, payload) -> {
			String text = new String(payload, StandardCharsets.UTF_8);
			handled.add(text);
			if (text.equals("boom")) {
				throw new AssertionError("handler error on purpose");
			}
		};
		try (DtlsServer server = server().handler(handler).build();
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			DtlsConnection connection = client.connect("localhost", server.localAddress().getPort());
			for (String text : List.of("boom", "queued-1", "queued-2")) {
				connection.send(text.getBytes(StandardCharsets.UTF_8));
			}

			await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 3);
			assertThat(handled).containsExactly("boom", "queued-1", "queued-2");
		}
	}

	@Test
	void noHandlerCallAfterStopReturns() throws Exception {
		AtomicBoolean stopped = new AtomicBoolean();
		AtomicInteger callsAfterStop = new AtomicInteger();
		DtlsConnectionHandler slow = (connection, payload) -> {
			sleep(100);
			if (stopped.get()) {
				callsAfterStop.incrementAndGet();
			}
		};
		DtlsServer server = server().handler(slow).inboundQueueCapacity(100).build();
		server.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			DtlsConnection connection = client.connect("localhost", server.localAddress().getPort());
			for (int i = 0; i < 40; i++) {
				connection.send(new byte[] { (byte) i });
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().datagramsReceived() >= 40);

			server.stop(Duration.ofMillis(500));
			stopped.set(true);

			Thread.sleep(500);
			assertThat(callsAfterStop.get()).isZero();
		}
	}

	@Test
	void concurrentStopWaitsForPortRelease() throws Exception {
		CountDownLatch handling = new CountDownLatch(1);
		DtlsConnectionHandler slow = (connection, payload) -> {
			handling.countDown();
			sleep(1000);
		};
		DtlsServer server = server().handler(slow).build();
		server.start();
		InetSocketAddress address = server.localAddress();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			client.connect("localhost", address.getPort()).send(new byte[] { 1 });
			assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();
			Thread first = new Thread(() -> server.stop(Duration.ofSeconds(5)));
			first.start();
			Thread.sleep(100);

			server.stop(Duration.ofSeconds(5));

			try (DatagramSocket rebound = new DatagramSocket(address)) {
				assertThat(rebound.getLocalPort()).isEqualTo(address.getPort());
			}
			first.join(5000);
		}
	}

	@Test
	void sendRacingCloseRaisesClosedException() throws Exception {
		try (DtlsServer server = server().build();
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			for (int round = 0; round < 5; round++) {
				DtlsConnection connection = client.connect("localhost", server.localAddress().getPort());
				ExecutorService senders = Executors.newFixedThreadPool(8);
				List<Future<Throwable>> outcomes = new ArrayList<>();
				for (int t = 0; t < 8; t++) {
					outcomes.add(senders.submit(() -> {
						try {
							while (true) {
								connection.send(new byte[64]);
							}
						}
						catch (RuntimeException ex) {
							return ex;
						}
					}));
				}
				Thread.sleep(20);
				connection.close();
				for (Future<Throwable> outcome : outcomes) {
					assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(DtlsConnectionClosedException.class);
				}
				senders.shutdown();
			}
		}
	}

	@Test
	void malformedClientHelloCounted() throws Exception {
		byte[] clientHello = RawDtls.captureClientHello();
		try (DtlsServer server = server().build(); DatagramSocket peer = new DatagramSocket()) {
			server.start();
			byte[] truncated = Arrays.copyOf(clientHello, 40);

			peer.send(new DatagramPacket(truncated, truncated.length, server.localAddress()));

			await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().dropped(DropReason.MALFORMED) == 1);
			assertThat(server.statistics().helloVerifyRequests()).isZero();
		}
	}

	@Test
	void oversizedDatagramCountedAsReceivedAndDropped() throws Exception {
		try (DtlsServer server = server().build(); DatagramSocket peer = new DatagramSocket()) {
			server.start();
			byte[] oversized = new byte[4000];

			peer.send(new DatagramPacket(oversized, oversized.length, server.localAddress()));

			await().atMost(Duration.ofSeconds(5))
				.until(() -> server.statistics().dropped(DropReason.DATAGRAM_TOO_LARGE) == 1);
			assertThat(server.statistics().datagramsReceived()).isEqualTo(1);
		}
	}

	private static DtlsServerBuilder server() {
		return DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.credentials(pki.server(false))
			.handler(new EchoHandler());
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
