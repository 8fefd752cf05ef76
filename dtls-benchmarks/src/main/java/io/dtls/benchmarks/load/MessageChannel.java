package io.dtls.benchmarks.load;

import java.io.IOException;

/**
 * One client connection of any transport, seen as a sequence of messages: a datagram, a DTLS
 * record, or a fixed-size slice of a TCP or TLS stream.
 */
public interface MessageChannel extends AutoCloseable {

	/**
	 * Sends one message.
	 */
	void send(byte[] message) throws IOException;

	/**
	 * Receives one message into {@code buffer}.
	 * @return the length of the message, or -1 if none arrived within {@code timeoutMillis}
	 */
	int receive(byte[] buffer, int timeoutMillis) throws IOException;

	/**
	 * Returns whether messages can be lost, as datagrams can, so that the load generator must
	 * count loss and refill its window after a timeout.
	 */
	boolean lossy();

	@Override
	void close() throws IOException;

}
