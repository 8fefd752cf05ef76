package io.dtls.core;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Plain UDP with the peer of a connection that ended DTLS with a close_notify exchange, for
 * protocols that switch between DTLS and plain datagrams on one pair of addresses. It uses the
 * connection's local address and port. Nothing sent or received through it is encrypted or
 * authenticated, so anyone able to spoof the peer's address can inject datagrams.
 * <p>
 * Each {@link #send} is one datagram. Received datagrams wait in a bounded queue until
 * {@link #receive} takes them; more are dropped and counted. Closing the channel lets the
 * peer start a new DTLS handshake from the same address.
 *
 * @see DtlsConnection#unwrap(Duration)
 * @since 0.1.0
 */
public interface PlainUdpChannel extends AutoCloseable {

	InetSocketAddress peerAddress();

	InetSocketAddress localAddress();

	/**
	 * Returns whether the channel can still send and receive.
	 */
	boolean isOpen();

	/**
	 * Returns the largest payload, in bytes, that one {@link #send} call accepts: the endpoint's
	 * maximum datagram size.
	 */
	int sendLimit();

	/**
	 * Sends one payload as one datagram.
	 * @throws DtlsPayloadTooLargeException if the payload exceeds {@link #sendLimit()}
	 * @throws DtlsException if the channel is closed or the socket failed
	 */
	void send(byte[] payload);

	/**
	 * Sends {@code length} bytes of {@code payload} from {@code offset} as one datagram.
	 * @see #send(byte[])
	 */
	void send(byte[] payload, int offset, int length);

	/**
	 * Waits for the next datagram from the peer.
	 * @return the payload, or {@code null} when none arrived within the timeout
	 * @throws DtlsException if the channel is closed and every datagram received before has
	 * been returned
	 */
	byte @Nullable [] receive(Duration timeout) throws InterruptedException;

	/**
	 * Returns how many received datagrams were dropped because the queue was full.
	 */
	long droppedDatagrams();

	/**
	 * Stops routing the peer's datagrams to this channel and releases what it holds. Calling it
	 * again has no effect.
	 */
	@Override
	void close();

}
