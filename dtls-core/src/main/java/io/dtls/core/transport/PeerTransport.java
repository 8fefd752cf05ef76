package io.dtls.core.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.DatagramTransport;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DatagramTransport} of one peer: datagrams that the endpoint's receive path routed
 * to this peer wait in a bounded queue, and sends go out through the endpoint's socket.
 * <p>
 * It has two modes. During the handshake, {@link #receive} blocks up to Bouncy Castle's wait
 * time, so that a handshake thread can run the blocking protocol. Once the connection is
 * established, {@link #receive} never blocks: it returns what is still queued from the
 * handshake phase, then the datagram set by {@link #handOff}, and with neither raises
 * {@link InterruptedIOException}, which Bouncy Castle's {@code DTLSTransport.receive} passes
 * through without failing the connection. The receive path thus decrypts each datagram on its
 * own thread, straight from its receive buffer, with no queue and no hand-off to another thread.
 *
 * @since 0.1.0
 */
public final class PeerTransport implements DatagramTransport {

	/** Signals "no datagram queued" to the record layer; shared because it carries no state that is read. */
	private static final InterruptedIOException NO_DATAGRAM = new InterruptedIOException("no datagram queued") {

		private static final long serialVersionUID = 1L;

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	};

	private static final byte[] WAKE_UP = new byte[0];

	private final InetSocketAddress peer;

	private final DatagramSender sender;

	private final int maxDatagramSize;

	private final ArrayBlockingQueue<byte[]> queue;

	/**
	 * Datagrams offered and not yet taken, so that an established connection's receive skips
	 * the queue's lock once the queue is empty. It may differ from the queue's size after
	 * {@link #cancel}, which is harmless because a cancelled transport fails every receive
	 * that finds a datagram.
	 */
	private final AtomicInteger queued = new AtomicInteger();

	/**
	 * The datagram passed to {@link #handOff}, and its length: the caller's receive buffer, which
	 * is only valid until {@link #clearHandOff}. Written and read under the connection's receive
	 * lock.
	 */
	private byte @Nullable [] handedOff;

	private int handedOffLength;

	private volatile boolean blocking = true;

	private volatile boolean closed;

	private volatile boolean cancelled;

	private volatile @Nullable Runnable queuedListener;

	/**
	 * @param maxDatagramSize the largest datagram, in bytes, sent or accepted
	 * @param queueCapacity how many datagrams may wait before {@link #offer} rejects more
	 */
	public PeerTransport(InetSocketAddress peer, DatagramSender sender, int maxDatagramSize, int queueCapacity) {
		this.peer = peer;
		this.sender = sender;
		this.maxDatagramSize = maxDatagramSize;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
	}

	public InetSocketAddress peer() {
		return this.peer;
	}

	/**
	 * Queues a received datagram.
	 * @return {@code false} when the queue is full or the transport is closed, so the datagram
	 * is dropped
	 */
	public boolean offer(byte[] datagram) {
		if (this.cancelled || !this.queue.offer(datagram)) {
			return false;
		}
		this.queued.incrementAndGet();
		return true;
	}

	/**
	 * Sets the datagram that the next non-blocking {@link #receive} returns once the queue is
	 * empty, without copying it. For an established connection only, which must call
	 * {@link #clearHandOff} before the buffer is reused.
	 * @return {@code false} when the transport is cancelled, so the datagram is dropped
	 */
	public boolean handOff(byte[] buffer, int length) {
		if (this.cancelled) {
			return false;
		}
		this.handedOff = buffer;
		this.handedOffLength = length;
		return true;
	}

	/**
	 * Forgets the datagram set by {@link #handOff}, if the record layer did not take it.
	 */
	public void clearHandOff() {
		this.handedOff = null;
	}

	/**
	 * Queues a datagram that the receive path routed here while the handshake still owned the
	 * transport, and then runs the listener set by {@link #onQueued(Runnable)}, if any. The
	 * handshake may have completed between routing and queuing; the listener lets the new
	 * connection read the datagram instead of leaving it queued until the next one arrives.
	 * @return {@code false} when the datagram was dropped
	 */
	public boolean offerDuringHandshake(byte[] datagram) {
		if (!offer(datagram)) {
			return false;
		}
		Runnable listener = this.queuedListener;
		if (listener != null) {
			listener.run();
		}
		return true;
	}

	/**
	 * Sets what runs after {@link #offerDuringHandshake(byte[])} queued a datagram.
	 */
	public void onQueued(Runnable listener) {
		this.queuedListener = listener;
	}

	/**
	 * Switches to non-blocking receives, for a connection driven by datagram arrival.
	 */
	public void established() {
		this.blocking = false;
	}

	/**
	 * Stops the transport: a blocked {@link #receive} wakes up and fails, and later datagrams
	 * are rejected.
	 */
	public void cancel() {
		this.cancelled = true;
		this.queue.clear();
		this.queue.offer(WAKE_UP);
	}

	/**
	 * Returns whether the record layer closed this transport, after sending or receiving
	 * close_notify or a fatal alert.
	 */
	public boolean isClosed() {
		return this.closed;
	}

	public boolean isCancelled() {
		return this.cancelled;
	}

	@Override
	public int getReceiveLimit() {
		return this.maxDatagramSize;
	}

	@Override
	public int getSendLimit() {
		return this.maxDatagramSize;
	}

	@Override
	public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
		if (!this.blocking && this.queued.get() <= 0) {
			return receiveHandedOff(buf, off, len);
		}
		byte[] datagram;
		if (this.blocking) {
			try {
				datagram = this.queue.poll(waitMillis, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Interrupted while waiting for a datagram from " + this.peer);
			}
			if (datagram == null) {
				return -1;
			}
		}
		else {
			datagram = this.queue.poll();
			if (datagram == null) {
				return receiveHandedOff(buf, off, len);
			}
		}
		this.queued.decrementAndGet();
		return copy(datagram, datagram.length, buf, off, len);
	}

	private int receiveHandedOff(byte[] buf, int off, int len) throws IOException {
		byte[] datagram = this.handedOff;
		if (datagram == null) {
			throw NO_DATAGRAM;
		}
		this.handedOff = null;
		return copy(datagram, this.handedOffLength, buf, off, len);
	}

	private int copy(byte[] datagram, int length, byte[] buf, int off, int len) throws IOException {
		if (this.cancelled) {
			throw new IOException("Transport to " + this.peer + " was cancelled");
		}
		if (length > len) {
			return -1;
		}
		System.arraycopy(datagram, 0, buf, off, length);
		return length;
	}

	@Override
	public void send(byte[] buf, int off, int len) throws IOException {
		if (this.cancelled) {
			throw new IOException("Transport to " + this.peer + " was cancelled");
		}
		this.sender.send(this.peer, buf, off, len);
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
