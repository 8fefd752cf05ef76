package io.dtls.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How long and how often the suite measures. The full suite takes about a quarter of an hour
 * on two cores. The quick mode runs every section with two short runs per figure: it is a
 * smoke test of the suite itself, and its figures are not worth publishing.
 * @param quick whether to run the quick mode
 * @param docs the folder that receives benchmarks.md and the chart
 */
public record BenchmarkOptions(boolean quick, Path docs) {

	/**
	 * Parses {@code --quick=true|false} and {@code --docs=FOLDER}; the defaults are the full
	 * suite and {@code docs} in the working directory.
	 */
	public static BenchmarkOptions parse(String[] args) {
		boolean quick = false;
		Path docs = Path.of("docs");
		for (String arg : args) {
			if (arg.startsWith("--quick=")) {
				quick = Boolean.parseBoolean(arg.substring("--quick=".length()));
			}
			else if (arg.startsWith("--docs=")) {
				docs = Path.of(arg.substring("--docs=".length()));
			}
			else {
				throw new IllegalArgumentException(
						"Unknown argument '" + arg + "'. Use --quick=true|false and --docs=FOLDER.");
			}
		}
		return new BenchmarkOptions(quick, docs.toAbsolutePath().normalize());
	}

	/** Returns the measured runs per figure. */
	public int runs() {
		return this.quick ? 2 : 5;
	}

	/** Returns the length of one measured run. */
	public Duration runTime() {
		return this.quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
	}

	/** Returns the length of the warm-up before the runs of each figure. */
	public Duration warmup() {
		return this.quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
	}

	/** Returns how long each transport runs before the suite's first measurement. */
	public Duration jitWarmup() {
		return this.quick ? Duration.ofSeconds(2) : Duration.ofSeconds(6);
	}

	/** Returns the payload sizes of the transport comparison, in bytes. */
	public List<Integer> payloads() {
		return List.of(100, 1000, 1400);
	}

	/** Returns the numbers of idle connections whose memory is measured. */
	public List<Integer> connectionCounts() {
		return this.quick ? List.of(200, 1000) : List.of(1000, 10_000);
	}

	/** Returns the runs of the memory section, each in fresh server JVMs. */
	public int memoryRuns() {
		return this.quick ? 1 : 3;
	}

	/** Returns the messages in flight in every echo test. */
	public int window() {
		return 32;
	}

}
