package io.dtls.core.reliability;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated datagrams against a server with three established connections. Most come
 * from fresh loopback sockets. Replayed and mutated copies of the clients' real ciphertext come
 * from the clients' own addresses, through a relay in front of each client, because that is
 * the only way a test can reach the established connections' record layer.
 * <p>
 * On IPv6, which has the single loopback address {@code ::1}, the fresh sockets differ by port only.
 * <p>
 * System properties: {@code dtls.reliability.fuzz-datagrams} (per transport case, 25,000 by
 * default, so 100,000 over the four cases) and
 * {@code dtls.reliability.fuzz-seed} (a new seed each run by default, printed so that a
 * failure can be replayed).
 */
class FuzzTest {

	private static final TestPki pki = TestPki.create("fuzz-test-root");

	private static final int CLIENTS = 3;

	private static final int FRESH_SOURCES = 50;

	private static final int BURST = 500;

	private static final int RECORD_HEADER = 13;

	private static final int CONTENT_TYPE_APPLICATION_DATA = 23;

	private static final long HEAP_GROWTH_LIMIT_BYTES = 32L * 1024 * 1024;

	/** Kinds of hostile datagram. The last two are sent through the relays. */
	enum Kind {

		RANDOM_BYTES, TRUNCATED_HEADER, WRONG_RECORD_LENGTH, UNKNOWN_CONTENT_TYPE, BAD_EPOCH_AND_SEQUENCE,
		GARBAGE_APPLICATION_DATA, OVERSIZED_HANDSHAKE_FRAGMENT, MUTATED_CLIENT_HELLO, REPLAYED_CIPHERTEXT,
		MUTATED_CIPHERTEXT

	}

	@TransportMatrixTest
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void hostileDatagramsLeaveConnectionsWorking(TransportCase transport) throws Exception {
		int datagrams = Integer.getInteger("dtls.reliability.fuzz-datagrams", 25_000);
		long seed = Long.getLong("dtls.reliability.fuzz-seed", System.nanoTime());
		System.out.printf("fuzz: %s, seed %d (rerun with -Ddtls.reliability.fuzz-seed=%d), %d datagrams%n",
				transport, seed, seed, datagrams);
		byte[] clientHello = RawDtls.captureClientHello();
		long heapBefore = HeapUsage.afterGc();

		List<Throwable> uncaught = new CopyOnWriteArrayList<>();
		Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> uncaught.add(ex));
		ListAppender<ILoggingEvent> engineLog = attachLogCapture();

		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.handler(new EchoHandler())
			.build();
		server.start();
		List<TappingRelay> relays = new ArrayList<>();
		List<DatagramSocket> sources = new ArrayList<>();
		long start = System.nanoTime();
		try (DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			List<DtlsConnection> connections = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				TappingRelay relay = new TappingRelay(server.localAddress());
				relays.add(relay);
				connections.add(client.connect(transport.host(), relay.port()));
			}
			for (int round = 0; round < 20; round++) {
				assertEchoes(connections, "before-fuzz-" + round);
			}
			for (int i = 0; i < FRESH_SOURCES; i++) {
				sources.add(new DatagramSocket(0, InetAddress.getByName(transport.peerHost(2 + i))));
			}
			List<Thread> engineThreads = engineThreadsExceptHandshakes();
			String receiveThreadName = "dtls-receive-" + server.localAddress().getPort();
			assertThat(engineThreads).extracting(Thread::getName).contains(receiveThreadName);

			DtlsStatistics statistics = server.statistics();
			Map<Kind, Long> sentByKind = new EnumMap<>(Kind.class);
			Fuzzer fuzzer = new Fuzzer(new Random(seed), clientHello, relays);
			long freshSent = 0;
			long fuzzStart = System.nanoTime();
			for (int i = 0; i < datagrams; i++) {
				Kind kind = fuzzer.nextKind();
				sentByKind.merge(kind, 1L, Long::sum);
				if (kind == Kind.REPLAYED_CIPHERTEXT || kind == Kind.MUTATED_CIPHERTEXT) {
					fuzzer.inject(kind);
				}
				else {
					byte[] datagram = fuzzer.build(kind);
					sources.get(i % sources.size())
						.send(new DatagramPacket(datagram, datagram.length, server.localAddress()));
					freshSent++;
				}
				if (i % BURST == BURST - 1) {
					awaitReceived(statistics, freshSent + forwarded(relays) + injected(relays));
				}
			}
			long expected = freshSent + forwarded(relays) + injected(relays);
			awaitReceived(statistics, expected);
			long fuzzMillis = (System.nanoTime() - fuzzStart) / 1_000_000;

			for (int round = 0; round < 5; round++) {
				assertEchoes(connections, "after-fuzz-" + round);
			}

			// The echoes after the fuzz are legitimate traffic too, so the total is taken again.
			awaitReceived(statistics, freshSent + forwarded(relays) + injected(relays));
			// Received is read before what was sent, so that a datagram the relays forward in
			// between counts on both sides of the comparison or on neither.
			long received = statistics.datagramsReceived();
			long legitimate = forwarded(relays);
			expected = freshSent + legitimate + injected(relays);
			long unaccounted = received - statistics.dropped() - statistics.helloVerifyRequests();
			System.out.printf("fuzz: sent %d datagrams in %d ms (%.0f/s): %s%n", datagrams, fuzzMillis,
					datagrams * 1000.0 / Math.max(1, fuzzMillis), sentByKind);
			System.out.printf("fuzz: server received %d of %d datagrams (%d fresh, %d injected, %d legitimate); "
					+ "%d HelloVerifyRequests, %d dropped, %d neither (legitimate traffic at most %d)%n", received,
					expected, freshSent, injected(relays), legitimate, statistics.helloVerifyRequests(),
					statistics.dropped(), unaccounted, legitimate);
			System.out.printf("fuzz: drops by reason: %s%n", Counts.nonZero(DropReason.class, statistics::dropped));
			System.out.printf("fuzz: handshakes started %d, connections %d, engine warnings %d, uncaught %d%n",
					statistics.handshakesStarted(), server.connections().size(), engineLog.list.size(),
					uncaught.size());

			assertThat(uncaught).isEmpty();
			assertThat(engineLog.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
			assertThat(engineThreads).allMatch(Thread::isAlive);
			assertThat(received).isLessThanOrEqualTo(expected);
			assertThat(received).isGreaterThanOrEqualTo(expected * 99 / 100);
			assertThat(unaccounted).isGreaterThanOrEqualTo(0);
			assertThat(unaccounted).isLessThanOrEqualTo(legitimate);
			assertThat(statistics.dropped(DropReason.RECORD_REJECTED)).isGreaterThanOrEqualTo(injected(relays) * 99 / 100);
			assertThat(statistics.handshakesStarted()).isEqualTo(CLIENTS);
			assertThat(server.connections()).hasSize(CLIENTS);
		}
		finally {
			sources.forEach(DatagramSocket::close);
			relays.forEach(TappingRelay::close);
			server.stop(Duration.ofSeconds(5));
			detachLogCapture(engineLog);
			Thread.setDefaultUncaughtExceptionHandler(previousHandler);
		}

		long heapAfter = HeapUsage.settleBelow(heapBefore + HEAP_GROWTH_LIMIT_BYTES, Duration.ofSeconds(20));
		System.out.printf("fuzz: used heap after GC %s before, %s after; total time %d ms%n",
				HeapUsage.megabytes(heapBefore), HeapUsage.megabytes(heapAfter),
				(System.nanoTime() - start) / 1_000_000);
		assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_LIMIT_BYTES);
	}

	private static void assertEchoes(List<DtlsConnection> connections, String prefix) throws InterruptedException {
		for (int i = 0; i < connections.size(); i++) {
			byte[] message = (prefix + "-client-" + i).getBytes(StandardCharsets.UTF_8);
			connections.get(i).send(message);
		}
		for (int i = 0; i < connections.size(); i++) {
			byte[] echo = connections.get(i).receive(Duration.ofSeconds(20));
			assertThat(echo).as("echo of %s on client %d", prefix, i).isNotNull();
			assertThat(new String(echo, StandardCharsets.UTF_8)).isEqualTo(prefix + "-client-" + i);
		}
	}

	/**
	 * Polls until the server has counted {@code expected} datagrams, for at most 5 seconds, so
	 * that each burst is read before the next fills the socket buffer. Loss is left to the
	 * caller's assertions.
	 */
	private static void awaitReceived(DtlsStatistics statistics, long expected) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (statistics.datagramsReceived() < expected && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	private static long forwarded(List<TappingRelay> relays) {
		return relays.stream().mapToLong((relay) -> relay.forwarded.get()).sum();
	}

	private static long injected(List<TappingRelay> relays) {
		return relays.stream().mapToLong((relay) -> relay.injected.get()).sum();
	}

	/**
	 * Returns the engine's live threads except handshake threads, which end by design after
	 * 30 seconds without work.
	 */
	private static List<Thread> engineThreadsExceptHandshakes() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("dtls-") && !thread.getName().contains("-handshake-"))
			.toList();
	}

	/**
	 * Collects WARN and ERROR events of the engine's loggers, where the receive loop reports
	 * exceptions that it catches and survives.
	 */
	private static ListAppender<ILoggingEvent> attachLogCapture() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.setContext(context);
		appender.addFilter(new ch.qos.logback.core.filter.Filter<>() {

			@Override
			public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent event) {
				return event.getLevel().isGreaterOrEqual(Level.WARN) ? ch.qos.logback.core.spi.FilterReply.NEUTRAL
						: ch.qos.logback.core.spi.FilterReply.DENY;
			}

		});
		appender.start();
		context.getLogger("io.dtls").addAppender(appender);
		return appender;
	}

	private static void detachLogCapture(ListAppender<ILoggingEvent> appender) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger logger = context.getLogger("io.dtls");
		logger.detachAppender(appender);
		appender.stop();
	}

	/**
	 * Builds hostile datagrams from a seeded random source, a real ClientHello and the
	 * ciphertext that the relays captured.
	 */
	private static final class Fuzzer {

		private final Random random;

		private final byte[] clientHello;

		private final List<TappingRelay> relays;

		Fuzzer(Random random, byte[] clientHello, List<TappingRelay> relays) {
			this.random = random;
			this.clientHello = clientHello;
			this.relays = relays;
		}

		Kind nextKind() {
			return Kind.values()[this.random.nextInt(Kind.values().length)];
		}

		byte[] build(Kind kind) {
			return switch (kind) {
				case RANDOM_BYTES -> randomBytes(this.random.nextInt(1501));
				case TRUNCATED_HEADER -> Arrays.copyOf(this.clientHello, this.random.nextInt(RECORD_HEADER));
				case WRONG_RECORD_LENGTH -> withRecordLength(this.clientHello.clone(), this.random.nextInt(65536));
				case UNKNOWN_CONTENT_TYPE -> withContentType(this.clientHello.clone(), unknownContentType());
				case BAD_EPOCH_AND_SEQUENCE -> withEpochAndSequence(this.clientHello.clone());
				case GARBAGE_APPLICATION_DATA -> garbageApplicationData();
				case OVERSIZED_HANDSHAKE_FRAGMENT -> RawDtls.handshakeFragment(this.random.nextInt(256),
						this.random.nextInt(65536), 65_537 + this.random.nextInt(0xFFFFFF - 65_537),
						this.random.nextInt(65536));
				case MUTATED_CLIENT_HELLO -> mutatedClientHello();
				case REPLAYED_CIPHERTEXT, MUTATED_CIPHERTEXT ->
					throw new IllegalArgumentException(kind + " is sent through a relay; call inject");
			};
		}

		/**
		 * Sends a copy of a captured application-data record from the address of the client
		 * that sent it, exact or with its sequence number, epoch, length or ciphertext changed.
		 * Every such record must fail the record layer's replay or authentication check.
		 */
		void inject(Kind kind) throws IOException {
			TappingRelay relay = this.relays.get(this.random.nextInt(this.relays.size()));
			List<byte[]> captured = relay.captured;
			byte[] datagram = captured.get(this.random.nextInt(captured.size())).clone();
			if (kind == Kind.MUTATED_CIPHERTEXT) {
				datagram = mutatedCiphertext(datagram);
			}
			relay.inject(datagram);
		}

		private byte[] mutatedCiphertext(byte[] record) {
			switch (this.random.nextInt(4)) {
				case 0 -> {
					for (int i = 5; i < RECORD_HEADER - 2; i++) {
						record[i] = (byte) this.random.nextInt(256);
					}
				}
				case 1 -> {
					int epoch = 2 + this.random.nextInt(65534);
					record[3] = (byte) (epoch >>> 8);
					record[4] = (byte) epoch;
				}
				case 2 -> {
					int length = RECORD_HEADER + this.random.nextInt(record.length - RECORD_HEADER + 1);
					record = Arrays.copyOf(record, length);
				}
				default -> {
					int flips = 1 + this.random.nextInt(8);
					for (int i = 0; i < flips; i++) {
						int position = RECORD_HEADER + this.random.nextInt(record.length - RECORD_HEADER);
						record[position] ^= (byte) (1 + this.random.nextInt(255));
					}
				}
			}
			return record;
		}

		private byte[] randomBytes(int length) {
			byte[] bytes = new byte[length];
			this.random.nextBytes(bytes);
			return bytes;
		}

		private int unknownContentType() {
			int type;
			do {
				type = this.random.nextInt(256);
			}
			while (type >= 20 && type <= 25);
			return type;
		}

		private byte[] withEpochAndSequence(byte[] datagram) {
			for (int i = 3; i < RECORD_HEADER - 2; i++) {
				datagram[i] = (byte) this.random.nextInt(256);
			}
			return datagram;
		}

		private byte[] garbageApplicationData() {
			byte[] datagram = randomBytes(RECORD_HEADER + this.random.nextInt(1200));
			datagram[0] = CONTENT_TYPE_APPLICATION_DATA;
			datagram[1] = (byte) 0xFE;
			datagram[2] = (byte) 0xFD;
			datagram[3] = 0;
			datagram[4] = 1;
			return withRecordLength(datagram, datagram.length - RECORD_HEADER);
		}

		private byte[] mutatedClientHello() {
			byte[] datagram = this.clientHello.clone();
			int changes = 1 + this.random.nextInt(8);
			for (int i = 0; i < changes; i++) {
				datagram[this.random.nextInt(datagram.length)] = (byte) this.random.nextInt(256);
			}
			if (this.random.nextBoolean()) {
				datagram = Arrays.copyOf(datagram, RECORD_HEADER + this.random.nextInt(datagram.length));
			}
			return datagram;
		}

		private static byte[] withContentType(byte[] datagram, int type) {
			datagram[0] = (byte) type;
			return datagram;
		}

		private static byte[] withRecordLength(byte[] datagram, int length) {
			datagram[11] = (byte) (length >>> 8);
			datagram[12] = (byte) length;
			return datagram;
		}

	}

	/**
	 * Forwards datagrams between one client and the server, keeps copies of the client's
	 * application-data records, and sends injected datagrams to the server from the same
	 * source address as the client's traffic, which is the peer address of that client's
	 * connection on the server.
	 */
	private static final class TappingRelay implements AutoCloseable {

		private static final int MAX_CAPTURED = 64;

		private final DatagramSocket downstream;

		private final DatagramSocket upstream;

		private final InetSocketAddress server;

		private volatile SocketAddress client;

		final List<byte[]> captured = new CopyOnWriteArrayList<>();

		final AtomicLong forwarded = new AtomicLong();

		final AtomicLong injected = new AtomicLong();

		TappingRelay(InetSocketAddress server) throws IOException {
			InetAddress loopback = server.getAddress();
			this.server = server;
			this.downstream = new DatagramSocket(0, loopback);
			this.upstream = new DatagramSocket(0, loopback);
			start("fuzz-relay-to-server", this::forwardToServer);
			start("fuzz-relay-to-client", this::forwardToClient);
		}

		int port() {
			return this.downstream.getLocalPort();
		}

		void inject(byte[] datagram) throws IOException {
			// Counted before sending, so that the server never counts a datagram the relay has not.
			this.injected.incrementAndGet();
			this.upstream.send(new DatagramPacket(datagram, datagram.length, this.server));
		}

		private void forwardToServer() throws IOException {
			DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
			while (!this.downstream.isClosed()) {
				this.downstream.receive(packet);
				this.client = packet.getSocketAddress();
				this.forwarded.incrementAndGet();
				this.upstream.send(new DatagramPacket(packet.getData(), packet.getLength(), this.server));
				if (packet.getData()[0] == CONTENT_TYPE_APPLICATION_DATA && this.captured.size() < MAX_CAPTURED) {
					this.captured.add(Arrays.copyOf(packet.getData(), packet.getLength()));
				}
			}
		}

		private void forwardToClient() throws IOException {
			DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
			while (!this.upstream.isClosed()) {
				this.upstream.receive(packet);
				SocketAddress client = this.client;
				if (client != null) {
					this.downstream.send(new DatagramPacket(packet.getData(), packet.getLength(), client));
				}
			}
		}

		private static void start(String name, IoTask task) {
			Thread thread = new Thread(() -> {
				try {
					task.run();
				}
				catch (IOException ex) {
					// The relay's sockets were closed, which ends the forwarding.
				}
			}, name);
			thread.setDaemon(true);
			thread.start();
		}

		@Override
		public void close() {
			this.downstream.close();
			this.upstream.close();
		}

		@FunctionalInterface
		private interface IoTask {

			void run() throws IOException;

		}

	}

}
