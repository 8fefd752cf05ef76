package io.dtls.benchmarks;

import java.time.Duration;

import io.dtls.benchmarks.report.BenchmarkPage;
import io.dtls.benchmarks.server.ServerHostProcess;
import io.dtls.benchmarks.suite.SuiteSections;

/**
 * Runs the whole suite on loopback and writes docs/benchmarks.md and its chart. Started by
 * {@code ./mvnw -B -Pbenchmarks -pl dtls-benchmarks -am verify -DskipTests}; see
 * {@link BenchmarkOptions} for the arguments.
 */
public final class BenchmarkSuite {

	private BenchmarkSuite() {
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		long start = System.nanoTime();
		BenchmarkPage page = new BenchmarkPage();
		try (ServerHostProcess servers = ServerHostProcess.start()) {
			SuiteSections.runAll(options, servers, page);
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		page.write(options, elapsed);
		System.err.println("[bench] done in " + elapsed.toMinutes() + " min " + elapsed.toSecondsPart() + " s; wrote "
				+ options.docs().resolve("benchmarks.md"));
		System.exit(0);
	}

}
