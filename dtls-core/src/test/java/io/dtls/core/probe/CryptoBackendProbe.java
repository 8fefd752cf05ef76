package io.dtls.core.probe;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.support.EchoHandler;

/**
 * Compares the crypto back-ends on loopback: echo round trips per second with 1,000-byte
 * payloads and a window of 32 messages in flight, and full ECDHE-ECDSA handshakes per second
 * with 4 concurrent clients. Both sides use the back-end under test. Not a unit test: run it
 * with the command in docs/benchmarks.md.
 */
public final class CryptoBackendProbe {

	private static final int PAYLOAD = 1000;

	private static final int WINDOW = 32;

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		TrustMaterial trust = TrustMaterial.of(List.of(credentials.leafCertificate()));
		System.out.printf("java %s, %d processors%n", System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors());
		for (int round = 0; round < rounds; round++) {
			for (DtlsCryptoBackend backend : DtlsCryptoBackend.values()) {
				try (DtlsServer server = DtlsServer.builder()
					.bindAddress(new InetSocketAddress("127.0.0.1", 0))
					.credentials(credentials)
					.cryptoBackend(backend)
					.maxHandshakesPerAddress(64)
					.handler(new EchoHandler())
					.build();
						DtlsClient client = DtlsClient.builder().trust(trust).cryptoBackend(backend).build()) {
					server.start();
					int port = server.localAddress().getPort();
					double echoes = echoRate(client, port, seconds);
					double handshakes = handshakeRate(client, port, seconds, 4);
					System.out.printf(Locale.ROOT, "round %d %-6s echo_1000B_rt_per_s %.0f handshakes_per_s_4_clients %.0f%n",
							round + 1, backend, echoes, handshakes);
				}
			}
		}
	}

	private static double echoRate(DtlsClient client, int port, int seconds) throws Exception {
		DtlsConnection connection = client.connect("localhost", port);
		byte[] payload = new byte[PAYLOAD];
		for (int i = 0; i < WINDOW; i++) {
			connection.send(payload);
		}
		long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		long count = 0;
		long start = 0;
		long end = Long.MAX_VALUE;
		while (System.nanoTime() < end) {
			byte[] reply = connection.receive(Duration.ofMillis(200));
			// A lost datagram shrinks the window; refill it so the load stays constant.
			connection.send(payload);
			if (reply == null) {
				continue;
			}
			if (start == 0 && System.nanoTime() > warmupEnd) {
				start = System.nanoTime();
				end = start + Duration.ofSeconds(seconds).toNanos();
				count = 0;
			}
			count++;
		}
		connection.close();
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static double handshakeRate(DtlsClient client, int port, int seconds, int clients) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicLong completed = new AtomicLong();
		long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
		List<Future<?>> results = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			results.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					DtlsConnection connection = client.connect("localhost", port);
					connection.close();
					if (System.nanoTime() > warmupEnd) {
						completed.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> result : results) {
			result.get();
		}
		pool.shutdown();
		return completed.get() / (double) seconds;
	}

}
