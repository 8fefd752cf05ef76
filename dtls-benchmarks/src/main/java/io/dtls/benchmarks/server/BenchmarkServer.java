package io.dtls.benchmarks.server;

/**
 * A server under test: it echoes each message to its sender, or in sink mode only counts it.
 */
public interface BenchmarkServer extends AutoCloseable {

	/** Returns the loopback port the server listens on. */
	int port();

	/** Returns the counter of the messages this server received. */
	MessageCounter counter();

	@Override
	void close();

}
