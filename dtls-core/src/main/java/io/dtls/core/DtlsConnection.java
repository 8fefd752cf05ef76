package io.dtls.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An established DTLS association with one peer, on the server or the client side.
 * <p>
 * Sending is thread-safe: any thread may call {@link #send} at any time, and each call sends
 * exactly one record in one datagram. Received application data is delivered in arrival order,
 * one message at a time, either to the {@link DtlsConnectionHandler} the endpoint was built
 * with, or, without a handler, through {@link #receive(Duration)}, in the manner of
 * {@link java.net.DatagramSocket#receive}.
 * <p>
 * An idle connection holds no thread: datagrams drive it on shared threads as they arrive.
 *
 * @since 0.1.0
 */
public interface DtlsConnection extends AutoCloseable {

	/**
	 * Returns an identifier of this connection, unique within the JVM, for logs and correlation.
	 */
	String id();

	InetSocketAddress peerAddress();

	InetSocketAddress localAddress();

	/**
	 * Returns the negotiated session parameters and the peer's identity.
	 */
	DtlsSession session();

	/**
	 * Returns whether the connection can still send and receive.
	 */
	boolean isOpen();

	/**
	 * Returns why the connection closed, or {@code null} while it is open.
	 */
	@Nullable CloseReason closeReason();

	/**
	 * Returns the largest payload, in bytes, that one {@link #send} call accepts. It follows from
	 * the maximum datagram size and the record overhead of the negotiated cipher suite.
	 */
	int sendLimit();

	/**
	 * Sends one payload as one DTLS record in one datagram.
	 * @throws DtlsPayloadTooLargeException if the payload exceeds {@link #sendLimit()}
	 * @throws DtlsConnectionClosedException if the connection is closed
	 */
	void send(byte[] payload);

	/**
	 * Sends {@code length} bytes of {@code payload} from {@code offset} as one record.
	 * @see #send(byte[])
	 */
	void send(byte[] payload, int offset, int length);

	/**
	 * Sends the remaining bytes of {@code payload} as one record and advances its position.
	 * @see #send(byte[])
	 */
	void send(ByteBuffer payload);

	/**
	 * Waits for the next message from the peer.
	 * @param timeout the maximum time to wait
	 * @return the payload, or {@code null} when none arrived within the timeout
	 * @throws DtlsConnectionClosedException if the connection closed and every message received
	 * before that has been returned
	 * @throws IllegalStateException if the connection delivers to a {@link DtlsConnectionHandler}
	 * @throws InterruptedException if the calling thread is interrupted while waiting
	 */
	byte @Nullable [] receive(Duration timeout) throws InterruptedException;

	/**
	 * Returns when a datagram last arrived from the peer or a message was last sent to it.
	 */
	Instant lastActivity();

	/**
	 * Returns how many received messages were dropped because the inbound queue was full.
	 */
	long droppedMessages();

	/**
	 * Ends DTLS with a close_notify exchange and returns a channel for plain UDP with the same
	 * peer, through the same local address and port, for protocols that leave DTLS and go on
	 * unencrypted. If the connection is open, this sends close_notify and waits for the peer's
	 * close_notify. If the peer's close_notify closed the connection a moment ago, the exchange is
	 * complete already: the endpoint keeps the peer's later datagrams for a few seconds for this
	 * call to claim. Messages received before the exchange remain available to
	 * {@link #receive}.
	 * @param timeout the longest wait for the peer's close_notify
	 * @throws DtlsTimeoutException if the peer sent no close_notify within the timeout; the
	 * connection is closed and no plain channel opened
	 * @throws DtlsConnectionClosedException if the connection closed otherwise, or the peer's
	 * close_notify came too long ago
	 * @throws InterruptedException if the calling thread is interrupted while waiting
	 */
	PlainUdpChannel unwrap(Duration timeout) throws InterruptedException;

	/**
	 * Sends close_notify to the peer and releases the connection. Messages already received
	 * remain available to {@link #receive}. Calling it again has no effect.
	 */
	@Override
	void close();

}
