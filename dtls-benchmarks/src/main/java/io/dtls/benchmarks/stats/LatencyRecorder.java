package io.dtls.benchmarks.stats;

import java.util.Arrays;

/**
 * Round-trip times of one run, in nanoseconds, for percentiles. Keeps every sample: a run of a
 * few seconds at 150,000 round trips per second needs a few megabytes.
 */
public final class LatencyRecorder {

	private long[] nanos = new long[1 << 16];

	private int count;

	public void record(long latencyNanos) {
		if (this.count == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.nanos.length * 2);
		}
		this.nanos[this.count++] = latencyNanos;
	}

	public void clear() {
		this.count = 0;
	}

	/**
	 * Returns the given percentile (0 to 100) in microseconds, or {@code NaN} without samples.
	 */
	public double percentileMicros(double percentile) {
		if (this.count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.count);
		Arrays.sort(sorted);
		int index = (int) Math.min(this.count - 1, Math.ceil(percentile / 100.0 * this.count) - 1);
		return sorted[Math.max(0, index)] / 1000.0;
	}

}
