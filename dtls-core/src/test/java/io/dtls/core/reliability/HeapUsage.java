package io.dtls.core.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Used heap measured after garbage collection, for tests that check that hostile traffic
 * leaves no memory behind.
 */
final class HeapUsage {

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private HeapUsage() {
	}

	/**
	 * Requests a garbage collection and returns the used heap in bytes afterwards.
	 */
	static long afterGc() {
		memory.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	/**
	 * Requests garbage collections until the used heap is at most {@code limitBytes}, and
	 * returns the last measurement, which exceeds the limit only if the deadline passed first.
	 * {@code System.gc()} is only a request, so one collection may leave garbage behind.
	 */
	static long settleBelow(long limitBytes, Duration deadline) {
		AtomicLong used = new AtomicLong(afterGc());
		try {
			await().atMost(deadline).pollInterval(Duration.ofMillis(200)).until(() -> {
				used.set(afterGc());
				return used.get() <= limitBytes;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// The caller asserts on the returned figure, so the failure shows the used heap.
		}
		return used.get();
	}

	static String megabytes(long bytes) {
		return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
