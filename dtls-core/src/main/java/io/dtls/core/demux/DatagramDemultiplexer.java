package io.dtls.core.demux;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.dtls.core.transport.DatagramSender;

/**
 * Receives the datagrams of a server's port and sends datagrams from it. The server decides
 * what each datagram means; the demultiplexer decides how datagrams get from the kernel to the
 * server, which lets a kernel-routed implementation replace the user-space router.
 *
 * @since 0.1.0
 */
public interface DatagramDemultiplexer extends DatagramSender, AutoCloseable {

	/**
	 * Binds the port and starts the receive thread.
	 * @throws IOException if the address cannot be bound
	 */
	void start(DatagramReceiver receiver) throws IOException;

	/**
	 * Returns the bound address, with the actual port when port 0 was requested.
	 */
	InetSocketAddress localAddress();

	/**
	 * Returns how this demultiplexer routes datagrams.
	 */
	DemuxMode mode();

	/**
	 * Tells the demultiplexer that the server now keeps state for {@code peer}, which passed
	 * the cookie exchange. Called on the receive thread. A kernel-routed demultiplexer gives the
	 * peer a socket of its own. If it cannot, the peer's datagrams keep arriving through the
	 * shared socket, and the server routes them correctly either way.
	 */
	default void attach(InetSocketAddress peer) {
	}

	/**
	 * Tells the demultiplexer that the server keeps no state for {@code peer} any more, so
	 * what {@link #attach} allocated can be released. Called on any thread.
	 */
	default void detach(InetSocketAddress peer) {
	}

	/**
	 * Returns whether the receive thread is running: from {@link #start} until
	 * {@link #stopReceiving} or {@link #close()}, or until the thread ended on an error that it
	 * could not survive.
	 */
	boolean isReceiving();

	/**
	 * Stops receiving and waits up to {@code timeoutMillis} for the receive thread to end.
	 * Sending keeps working until {@link #close()}.
	 */
	void stopReceiving(long timeoutMillis) throws InterruptedException;

	/**
	 * Releases the socket.
	 */
	@Override
	void close();

}
