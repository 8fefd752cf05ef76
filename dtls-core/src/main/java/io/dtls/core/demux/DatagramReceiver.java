package io.dtls.core.demux;

import java.net.InetSocketAddress;

/**
 * Takes each datagram a demultiplexer receives. Called on the demultiplexer's receive thread,
 * one datagram at a time.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DatagramReceiver {

	/**
	 * Handles one datagram. The buffer is reused for the next datagram, so the receiver copies
	 * what it keeps.
	 * @param scratch a buffer of the maximum datagram size that the receiver may use while the
	 * call lasts
	 */
	void onDatagram(InetSocketAddress source, byte[] buffer, int length, byte[] scratch);

}
