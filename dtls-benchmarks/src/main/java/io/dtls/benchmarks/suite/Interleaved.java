package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.dtls.benchmarks.BenchmarkOptions;

/**
 * Runs a measurement over several subjects in turns: a warm-up of each, then run 1 of each,
 * run 2 of each, and so on. A disturbance on the shared machine then hits all subjects of a
 * run alike, and the ratio of two subjects within one run stays meaningful.
 */
final class Interleaved {

	private Interleaved() {
	}

	static <T> void run(List<T> subjects, BenchmarkOptions options, Measurement<T> measurement) throws IOException {
		run(subjects, options.warmup(), options.runs(), options.runTime(), measurement);
	}

	/**
	 * Runs {@code runs} recorded runs of {@code runTime} after a warm-up of {@code warmup} per subject.
	 */
	static <T> void run(List<T> subjects, Duration warmup, int runs, Duration runTime, Measurement<T> measurement)
			throws IOException {
		for (T subject : subjects) {
			measurement.measure(subject, warmup, false);
		}
		for (int run = 0; run < runs; run++) {
			for (T subject : subjects) {
				measurement.measure(subject, runTime, true);
			}
		}
	}

	/**
	 * Measures one subject for a given time.
	 */
	@FunctionalInterface
	interface Measurement<T> {

		/**
		 * @param record whether to keep the result; false during the warm-up
		 */
		void measure(T subject, Duration duration, boolean record) throws IOException;

	}

}
