package io.dtls.spring.listener;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.log.LogAccessor;

/**
 * Lets one report through per interval and counts the rest, for failures a peer can trigger
 * with every datagram.
 */
final class LogRateLimit {

	private final long intervalNanos;

	private final LogAccessor logger;

	private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressed = new AtomicLong();

	LogRateLimit(Duration interval, LogAccessor logger) {
		this.intervalNanos = interval.toNanos();
		this.logger = logger;
	}

	/**
	 * Returns whether a report may be logged now; when it may, first logs how many were left out
	 * since the last one.
	 */
	boolean tryAcquire() {
		long now = System.nanoTime();
		long allowed = this.nextAllowed.get();
		if (now - allowed < 0 || !this.nextAllowed.compareAndSet(allowed, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return false;
		}
		long skipped = this.suppressed.getAndSet(0);
		if (skipped > 0) {
			this.logger.warn(() -> skipped + " further listener failures were not logged in the last interval");
		}
		return true;
	}

}
