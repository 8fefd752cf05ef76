package io.dtls.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs at most once per interval and counts what it suppressed, for events that a
 * hostile peer can trigger once per datagram.
 */
public final class RateLimitedLogger {

	private final Logger logger;

	private final long intervalNanos;

	private final AtomicLong nextAllowedNanos = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressed = new AtomicLong();

	public RateLimitedLogger(Logger logger, long interval, TimeUnit unit) {
		this.logger = logger;
		this.intervalNanos = unit.toNanos(interval);
	}

	/**
	 * Logs the message at DEBUG unless another was logged within the interval.
	 */
	public void debug(String format, Object... arguments) {
		if (this.logger.isDebugEnabled() && acquire()) {
			this.logger.debug(format, arguments);
		}
	}

	/**
	 * Logs the message at INFO unless another was logged within the interval.
	 */
	public void info(String format, Object... arguments) {
		if (this.logger.isInfoEnabled() && acquire()) {
			this.logger.info(format, arguments);
		}
	}

	/**
	 * Logs the message at WARN unless another was logged within the interval.
	 */
	public void warn(String format, Object... arguments) {
		if (this.logger.isWarnEnabled() && acquire()) {
			this.logger.warn(format, arguments);
		}
	}

	private boolean acquire() {
		long now = System.nanoTime();
		long allowed = this.nextAllowedNanos.get();
		if (now - allowed < 0 || !this.nextAllowedNanos.compareAndSet(allowed, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return false;
		}
		long skipped = this.suppressed.getAndSet(0);
		if (skipped > 0) {
			this.logger.info("{} similar messages suppressed in the last interval", skipped);
		}
		return true;
	}

}
