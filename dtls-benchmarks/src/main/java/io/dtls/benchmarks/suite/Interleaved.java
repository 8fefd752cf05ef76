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
		for (T subject : subjects) {
			measurement.measure(subject, options.warmup(), false);
		}
		for (int run = 0; run < options.runs(); run++) {
			for (T subject : subjects) {
				measurement.measure(subject, options.runTime(), true);
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
