package io.dtls.benchmarks.suite;

import java.io.IOException;

import io.dtls.benchmarks.BenchmarkOptions;
import io.dtls.benchmarks.report.BenchmarkPage;
import io.dtls.benchmarks.server.ServerHostProcess;

/**
 * The sections of the suite in the order they run and appear on the page.
 */
public final class SuiteSections {

	private SuiteSections() {
	}

	/**
	 * Runs every section against the servers of {@code servers}, the memory section in server
	 * JVMs of its own, and adds the results to {@code page}.
	 */
	public static void runAll(BenchmarkOptions options, ServerHostProcess servers, BenchmarkPage page)
			throws IOException {
		SuiteContext context = new SuiteContext(options, servers, page);
		new TransportSection(context).run();
		new ScandiumEchoSection(context).run();
		new HandshakeSection(context).run();
		new MemorySection(context).run();
		new CryptoBackendSection(context).run();
	}

}
