package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.time.Duration;

import io.dtls.benchmarks.load.EchoLoad;
import io.dtls.benchmarks.load.MessageChannel;
import io.dtls.benchmarks.stats.LatencyRecorder;

/**
 * One connection under echo load, with the figures of its runs.
 */
final class EchoSubject implements AutoCloseable {

	final String label;

	final EchoFigures figures = new EchoFigures();

	private final MessageChannel channel;

	private final EchoLoad load;

	private final int payloadSize;

	private final LatencyRecorder latencies = new LatencyRecorder();

	EchoSubject(String label, MessageChannel channel, int payloadSize, int window) {
		this.label = label;
		this.channel = channel;
		this.payloadSize = payloadSize;
		this.load = new EchoLoad(channel, payloadSize, window);
	}

	MessageChannel channel() {
		return this.channel;
	}

	/**
	 * Runs the echo load for {@code duration}, keeping the figures if {@code record} is set.
	 */
	void measure(Duration duration, boolean record) throws IOException {
		this.latencies.clear();
		EchoLoad.EchoResult result = this.load.run(duration, this.latencies);
		if (record) {
			this.figures.add(result, this.latencies, this.payloadSize);
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
