package io.dtls.benchmarks.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the messages a server receives and tells it whether to echo them.
 */
public final class MessageCounter {

	private final LongAdder messages = new LongAdder();

	private final LongAdder bytes = new LongAdder();

	private volatile boolean sink;

	/**
	 * Counts one received message.
	 * @return whether the server should send the message back
	 */
	public boolean received(int length) {
		this.messages.increment();
		this.bytes.add(length);
		return !this.sink;
	}

	/**
	 * Sets sink mode, in which messages are counted and not echoed.
	 */
	public void sink(boolean sink) {
		this.sink = sink;
	}

	/**
	 * Returns the number of messages received since the last call, and starts counting anew.
	 */
	public long takeMessages() {
		this.bytes.reset();
		return this.messages.sumThenReset();
	}

}
