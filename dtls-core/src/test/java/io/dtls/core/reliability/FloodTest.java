package io.dtls.core.reliability;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of ClientHellos without cookies from many loopback source addresses, as a spoofing
 * attacker would send them, while a legitimate client keeps connecting and echoing. The cookie
 * exchange must keep the flood stateless: no handshake, connection or heap growth, and no
 * HelloVerifyRequest larger than the ClientHello it replies to.
 * <p>
 * On IPv6, which has the single loopback address {@code ::1}, the flood comes from as many ports
 * of that address instead.
 * <p>
 * System properties: {@code dtls.reliability.flood-hellos} (ClientHellos sent per transport
 * case, 5,000 by default, so 20,000 over the four cases) and {@code dtls.reliability.flood-rate}
 * (ClientHellos per second, 2,500 by default).
 */
class FloodTest {

	private static final TestPki pki = TestPki.create("flood-test-root");

	private static final int SOURCE_SOCKETS = 100;

	private static final int MIN_LEGITIMATE_HANDSHAKES = 10;

	private static final long HEAP_GROWTH_LIMIT_BYTES = 32L * 1024 * 1024;

	/** Offset of the 32-byte client random: record header (13) + handshake header (12) + version (2). */
	private static final int RANDOM_OFFSET = 27;

	@TransportMatrixTest
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void cookieExchangeKeepsFloodStateless(TransportCase transport) throws Exception {
		int hellos = Integer.getInteger("dtls.reliability.flood-hellos", 5_000);
		int ratePerSecond = Integer.getInteger("dtls.reliability.flood-rate", 2_500);
		byte[] clientHello = RawDtls.captureClientHello();
		long heapBefore = HeapUsage.afterGc();

		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.handler(new EchoHandler())
			.build();
		server.start();
		List<DatagramSocket> sources = bindSources(transport);
		AtomicBoolean flooding = new AtomicBoolean(true);
		AtomicInteger legitimateAttempts = new AtomicInteger();
		AtomicInteger legitimateHandshakes = new AtomicInteger();
		List<Throwable> legitimateFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicInteger maxHandshakesInProgress = new AtomicInteger();
		AtomicInteger maxConnections = new AtomicInteger();
		long start = System.nanoTime();
		long floodBytes;
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).connectTimeout(Duration.ofSeconds(30)).build()) {
			Thread legitimate = new Thread(() -> connectAndEchoWhile(flooding, client, transport.host(), server,
					legitimateAttempts, legitimateHandshakes, legitimateFailures), "flood-test-legitimate-client");
			Thread sampler = new Thread(() -> sampleWhile(flooding, server, maxHandshakesInProgress, maxConnections),
					"flood-test-sampler");
			legitimate.start();
			sampler.start();

			floodBytes = flood(sources, clientHello, hellos, ratePerSecond, server.localAddress());
			// The figures are taken only after the legitimate client has shown that it still gets through.
			await().atMost(Duration.ofSeconds(60))
				.until(() -> legitimateHandshakes.get() >= MIN_LEGITIMATE_HANDSHAKES || !legitimateFailures.isEmpty());
			long floodMillis = (System.nanoTime() - start) / 1_000_000;
			flooding.set(false);
			legitimate.join(TimeUnit.SECONDS.toMillis(60));
			sampler.join(TimeUnit.SECONDS.toMillis(10));

			DtlsStatistics statistics = server.statistics();
			long expectedDatagrams = hellos;
			await().atMost(Duration.ofSeconds(10)).until(() -> statistics.datagramsReceived() >= expectedDatagrams);
			System.out.printf("flood: %s, %d ClientHellos (%d bytes each, %d bytes) from %d sockets in %d ms, "
					+ "target rate %d/s, actual rate %.0f/s%n", transport, hellos, clientHello.length, floodBytes,
					SOURCE_SOCKETS, floodMillis, ratePerSecond, hellos * 1000.0 / Math.max(1, floodMillis));
			System.out.printf("flood: server received %d datagrams (%d bytes), sent %d HelloVerifyRequests "
					+ "(%d bytes), started %d handshakes, completed %d, dropped %d (malformed %d)%n",
					statistics.datagramsReceived(), statistics.bytesReceived(), statistics.helloVerifyRequests(),
					statistics.helloVerifyRequestBytes(), statistics.handshakesStarted(),
					statistics.handshakesCompleted(), statistics.dropped(), statistics.dropped(DropReason.MALFORMED));
			System.out.printf("flood: legitimate client %d attempts, %d handshakes with echo; "
					+ "max handshakes in progress %d, max connections %d%n", legitimateAttempts.get(),
					legitimateHandshakes.get(), maxHandshakesInProgress.get(), maxConnections.get());

			assertThat(legitimateFailures).isEmpty();
			assertThat(legitimateHandshakes.get()).isGreaterThanOrEqualTo(MIN_LEGITIMATE_HANDSHAKES);
			// The legitimate client runs one handshake at a time, but the server may still be
			// finishing the previous one when the next starts.
			assertThat(maxHandshakesInProgress.get()).isLessThanOrEqualTo(2);
			assertThat(maxConnections.get()).isLessThanOrEqualTo(legitimateHandshakes.get());
			assertThat(statistics.handshakesStarted()).isGreaterThanOrEqualTo(legitimateHandshakes.get());
			assertThat(statistics.handshakesStarted()).isLessThanOrEqualTo(legitimateAttempts.get());
			assertThat(statistics.helloVerifyRequests()).isGreaterThanOrEqualTo(hellos * 99L / 100);
			assertThat(statistics.helloVerifyRequestBytes())
				.isLessThanOrEqualTo(floodBytes + (long) legitimateAttempts.get() * clientHello.length);
			assertThat(statistics.helloVerifyRequestBytes())
				.isLessThanOrEqualTo(statistics.helloVerifyRequests() * clientHello.length);
		}
		finally {
			flooding.set(false);
			sources.forEach(DatagramSocket::close);
			server.stop(Duration.ofSeconds(5));
		}

		long heapAfter = HeapUsage.settleBelow(heapBefore + HEAP_GROWTH_LIMIT_BYTES, Duration.ofSeconds(20));
		System.out.printf("flood: used heap after GC %s before, %s after; total time %d ms%n",
				HeapUsage.megabytes(heapBefore), HeapUsage.megabytes(heapAfter),
				(System.nanoTime() - start) / 1_000_000);
		assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_LIMIT_BYTES);
	}

	private static List<DatagramSocket> bindSources(TransportCase transport) throws Exception {
		List<DatagramSocket> sources = new ArrayList<>();
		try {
			for (int i = 0; i < SOURCE_SOCKETS; i++) {
				sources.add(new DatagramSocket(0, InetAddress.getByName(transport.peerHost(2 + i))));
			}
		}
		catch (Exception ex) {
			sources.forEach(DatagramSocket::close);
			throw ex;
		}
		return sources;
	}

	/**
	 * Sends {@code count} copies of a ClientHello, each with a different client random, spread
	 * over the source sockets and paced to the given rate. Returns the bytes sent.
	 */
	private static long flood(List<DatagramSocket> sources, byte[] clientHello, int count, int ratePerSecond,
			InetSocketAddress server) throws Exception {
		byte[] datagram = clientHello.clone();
		long nanosPerHello = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
		long start = System.nanoTime();
		long bytes = 0;
		for (int i = 0; i < count; i++) {
			datagram[RANDOM_OFFSET + (i % 32)] ^= (byte) (i >>> 5);
			datagram[RANDOM_OFFSET + 31 - (i % 32)] = (byte) i;
			sources.get(i % sources.size()).send(new DatagramPacket(datagram, datagram.length, server));
			bytes += datagram.length;
			long due = start + (i + 1) * nanosPerHello;
			long ahead = due - System.nanoTime();
			if (ahead > 0 && i % 50 == 49) {
				LockSupport.parkNanos(ahead);
			}
		}
		return bytes;
	}

	private static void connectAndEchoWhile(AtomicBoolean flooding, DtlsClient client, String host, DtlsServer server,
			AtomicInteger attempts, AtomicInteger handshakes, List<Throwable> failures) {
		int port = server.localAddress().getPort();
		while (flooding.get() || handshakes.get() < MIN_LEGITIMATE_HANDSHAKES) {
			attempts.incrementAndGet();
			try (DtlsConnection connection = client.connect(host, port)) {
				byte[] message = ("echo-" + attempts.get()).getBytes(StandardCharsets.UTF_8);
				connection.send(message);
				byte[] echo = connection.receive(Duration.ofSeconds(20));
				if (!Arrays.equals(message, echo)) {
					throw new AssertionError("echo " + Arrays.toString(echo) + " does not match the message sent");
				}
				handshakes.incrementAndGet();
			}
			catch (Throwable ex) {
				failures.add(ex);
				return;
			}
		}
	}

	private static void sampleWhile(AtomicBoolean flooding, DtlsServer server, AtomicInteger maxHandshakes,
			AtomicInteger maxConnections) {
		while (flooding.get()) {
			maxHandshakes.accumulateAndGet(server.handshakesInProgress(), Math::max);
			maxConnections.accumulateAndGet(server.connections().size(), Math::max);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

}
