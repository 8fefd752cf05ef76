package io.dtls.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.bouncycastle.tls.DTLSTransport;
import org.jspecify.annotations.Nullable;

/**
 * Full handshakes in a loop: each client thread connects, closes with close_notify and
 * connects again, so the server sees a new peer (a new source port) every time.
 */
public final class HandshakeLoad {

	private HandshakeLoad() {
	}

	/** Pause after a failed handshake, so that a failure that recurs at once cannot spin a core. */
	private static final long PAUSE_AFTER_FAILURE_MILLIS = 10;

	/**
	 * Runs {@code clients} threads for {@code duration} and returns the handshakes per second
	 * completed within it. A failed handshake is counted, and its thread goes on with the next.
	 * A handshake still running at the end of the run finishes (or times out) before this
	 * method returns, so the call may take longer than {@code duration}.
	 */
	public static Result run(DtlsDialer dialer, int clients, Duration duration) throws IOException {
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		LongAdder completed = new LongAdder();
		LongAdder failed = new LongAdder();
		AtomicReference<@Nullable Exception> firstFailure = new AtomicReference<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		List<Future<Void>> results = new ArrayList<>();
		try {
			for (int i = 0; i < clients; i++) {
				results.add(threads.submit(() -> {
					while (System.nanoTime() < end) {
						DTLSTransport connection;
						try {
							connection = dialer.connect();
						}
						catch (IOException | RuntimeException ex) {
							failed.increment();
							firstFailure.compareAndSet(null, ex);
							Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS);
							continue;
						}
						if (System.nanoTime() < end) {
							completed.increment();
						}
						try {
							connection.close();
						}
						catch (IOException ex) {
							// The handshake completed and counts. To the server, the peer just goes silent.
						}
					}
					return null;
				}));
			}
			for (Future<Void> result : results) {
				result.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IOException("Handshake load failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		finally {
			threads.shutdownNow();
		}
		return new Result(completed.sum() / (duration.toNanos() / 1e9), failed.sum(), firstFailure.get());
	}

	/**
	 * Handshakes per second completed within the run, and the handshakes that failed in it.
	 * @param firstFailure the first failure, or {@code null} if none failed
	 */
	public record Result(double perSecond, long failed, @Nullable Exception firstFailure) {
	}

}
