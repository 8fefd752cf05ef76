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
import io.dtls.core.support.AddressFamilyTest;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.StalledPeer;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;

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

	@TransportMatrixTest
	void stalledPeersLoseSlotsToNewPeers(TransportCase transport) throws Exception {
		byte[] clientHello = RawDtls.captureClientHello();
		try (DtlsServer server = server(transport).maxHandshakes(2)
			.handshakeStallTimeout(Duration.ofMillis(300))
			.handshakeTimeout(Duration.ofSeconds(30))
			.build();
				StalledPeer first = new StalledPeer(transport.peerHost(11));
				StalledPeer second = new StalledPeer(transport.peerHost(12));
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			assertThat(first.startHandshake(clientHello, server.localAddress())).isTrue();
			assertThat(second.startHandshake(clientHello, server.localAddress())).isTrue();
			Thread.sleep(400);

			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort(),
					Duration.ofSeconds(10));

			assertThat(connection.isOpen()).isTrue();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> server.statistics().handshakesFailed(HandshakeFailure.TIMEOUT) >= 1);
		}
	}

	@AddressFamilyTest
	void closedPortFailsFastAsUnreachable(String host) throws Exception {
		int closedPort;
		try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(host))) {
			closedPort = probe.getLocalPort();
		}
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(DtlsHandshakeException.class)
				.isThrownBy(() -> client.connect(host, closedPort, Duration.ofSeconds(20)))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(HandshakeFailure.UNREACHABLE))
				.withMessageContaining("nothing listens");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@TransportMatrixTest
	void handlerErrorKeepsLaterMessagesFlowing(TransportCase transport) throws Exception {
		List<String> handled = new CopyOnWriteArrayList<>();
		DtlsConnectionHandler handler = (connection, payload) -> {
			String text = new String(payload, StandardCharsets.UTF_8);
			handled.add(text);
			if (text.equals("boom")) {
				throw new AssertionError("handler error on purpose");
			}
		};
		try (DtlsServer server = server(transport).handler(handler).build();
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
			for (String text : List.of("boom", "queued-1", "queued-2")) {
				connection.send(text.getBytes(StandardCharsets.UTF_8));
			}

			await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 3);
			assertThat(handled).containsExactly("boom", "queued-1", "queued-2");
		}
	}

	@TransportMatrixTest
	void noHandlerCallAfterStopReturns(TransportCase transport) throws Exception {
		AtomicBoolean stopped = new AtomicBoolean();
		AtomicInteger callsAfterStop = new AtomicInteger();
		DtlsConnectionHandler slow = (connection, payload) -> {
			sleep(100);
			if (stopped.get()) {
				callsAfterStop.incrementAndGet();
			}
		};
		DtlsServer server = server(transport).handler(slow).inboundQueueCapacity(100).build();
		server.start();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
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

	@TransportMatrixTest
	void concurrentStopWaitsForPortRelease(TransportCase transport) throws Exception {
		CountDownLatch handling = new CountDownLatch(1);
		DtlsConnectionHandler slow = (connection, payload) -> {
			handling.countDown();
			sleep(1000);
		};
		DtlsServer server = server(transport).handler(slow).build();
		server.start();
		InetSocketAddress address = server.localAddress();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			client.connect(transport.host(), address.getPort()).send(new byte[] { 1 });
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

	@TransportMatrixTest
	void sendRacingCloseRaisesClosedException(TransportCase transport) throws Exception {
		try (DtlsServer server = server(transport).build();
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			for (int round = 0; round < 5; round++) {
				DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
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

	@TransportMatrixTest
	void malformedClientHelloCounted(TransportCase transport) throws Exception {
		byte[] clientHello = RawDtls.captureClientHello();
		try (DtlsServer server = server(transport).build();
				DatagramSocket peer = new DatagramSocket(transport.loopback())) {
			server.start();
			byte[] truncated = Arrays.copyOf(clientHello, 40);

			peer.send(new DatagramPacket(truncated, truncated.length, server.localAddress()));

			await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().dropped(DropReason.MALFORMED) == 1);
			assertThat(server.statistics().helloVerifyRequests()).isZero();
		}
	}

	@TransportMatrixTest
	void oversizedDatagramCountedAsReceivedAndDropped(TransportCase transport) throws Exception {
		try (DtlsServer server = server(transport).build();
				DatagramSocket peer = new DatagramSocket(transport.loopback())) {
			server.start();
			byte[] oversized = new byte[4000];

			peer.send(new DatagramPacket(oversized, oversized.length, server.localAddress()));

			await().atMost(Duration.ofSeconds(5))
				.until(() -> server.statistics().dropped(DropReason.DATAGRAM_TOO_LARGE) == 1);
			assertThat(server.statistics().datagramsReceived()).isEqualTo(1);
		}
	}

	private static DtlsServerBuilder server(TransportCase transport) {
		return transport.apply(DtlsServer.builder())
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
