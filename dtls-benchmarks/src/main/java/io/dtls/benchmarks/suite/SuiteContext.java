package io.dtls.benchmarks.suite;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import io.dtls.benchmarks.BenchmarkOptions;
import io.dtls.benchmarks.report.BenchmarkPage;
import io.dtls.benchmarks.server.ServerHostProcess;

/**
 * What every section shares: the options, the server JVM of the throughput sections with the
 * servers started in it so far, and the page the results go to.
 */
public final class SuiteContext {

	private final BenchmarkOptions options;

	private final ServerHostProcess servers;

	private final BenchmarkPage page;

	private final Map<String, InetSocketAddress> started = new HashMap<>();

	public SuiteContext(BenchmarkOptions options, ServerHostProcess servers, BenchmarkPage page) {
		this.options = options;
		this.servers = servers;
		this.page = page;
	}

	public BenchmarkOptions options() {
		return this.options;
	}

	public ServerHostProcess servers() {
		return this.servers;
	}

	public BenchmarkPage page() {
		return this.page;
	}

	/**
	 * Returns the address of the server named {@code name} in the shared server JVM, starting
	 * it as {@code kind} on first use.
	 */
	public InetSocketAddress server(String name, String kind) {
		return this.started.computeIfAbsent(name, (key) -> loopback(this.servers.startServer(name, kind)));
	}

	static InetSocketAddress loopback(int port) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
	}

	/** Prints progress to standard error, so that a long run shows where it is. */
	static void progress(String message) {
		System.err.println("[bench] " + message);
	}

}
