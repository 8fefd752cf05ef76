package io.dtls.core.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.dtls.core.DtlsException;
import io.dtls.core.DtlsPayloadTooLargeException;
import io.dtls.core.PlainUdpChannel;
import io.dtls.core.event.DropReason;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.transport.DatagramSender;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link PlainUdpChannel}: the route of a peer whose connection ended with a
 * close_notify exchange, owned by the endpoint that routes the peer's datagrams.
 * <p>
 * An application claims the route with {@link EngineConnection#unwrap(Duration)}. A route that
 * the endpoint opened by itself, after the peer's close_notify, keeps the peer's datagrams for
 * a short time so that an application which unwraps a moment later loses none. If no application
 * claims it, the endpoint {@linkplain #expire() expires} it.
 */
public final class PlainChannel implements PlainUdpChannel {

	private final InetSocketAddress peer;

	private final InetSocketAddress localAddress;

	private final DatagramSender sender;

	private final int sendLimit;

	private final EventPublisher events;

	private final Consumer<PlainChannel> onClose;

	private final InboundQueue inbound;

	private final AtomicBoolean claimed = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final LongAdder droppedDatagrams = new LongAdder();

	/**
	 * @param sendLimit the largest datagram sent
	 * @param capacity how many received datagrams may wait for {@link #receive}
	 * @param onClose stops the endpoint routing to this channel; runs once, on close or expiry
	 */
	public PlainChannel(InetSocketAddress peer, InetSocketAddress localAddress, DatagramSender sender, int sendLimit,
			int capacity, EventPublisher events, Consumer<PlainChannel> onClose) {
		this.peer = peer;
		this.localAddress = localAddress;
		this.sender = sender;
		this.sendLimit = sendLimit;
		this.events = events;
		this.onClose = onClose;
		this.inbound = new InboundQueue(capacity);
	}

	/**
	 * Hands the channel to the application.
	 * @return {@code false} if it was claimed before, expired or closed
	 */
	public boolean claim() {
		return !this.closed.get() && this.claimed.compareAndSet(false, true);
	}

	public boolean isClaimed() {
		return this.claimed.get();
	}

	/**
	 * Closes the channel unless the application claimed it; the datagrams it kept are counted
	 * as dropped.
	 */
	public void expire() {
		if (this.claimed.compareAndSet(false, true)) {
			byte[] datagram;
			while ((datagram = this.inbound.pollNow()) != null) {
				this.events.dropped(this.peer, DropReason.CONNECTION_CLOSED, datagram.length);
			}
			close();
		}
	}

	/**
	 * Queues a datagram from the peer; called by the endpoint's receive path.
	 */
	public void offer(byte[] datagram) {
		if (!this.inbound.offer(datagram)) {
			this.droppedDatagrams.increment();
			this.events.dropped(this.peer, this.closed.get() ? DropReason.CONNECTION_CLOSED
					: DropReason.INBOUND_QUEUE_FULL, datagram.length);
		}
	}

	@Override
	public InetSocketAddress peerAddress() {
		return this.peer;
	}

	@Override
	public InetSocketAddress localAddress() {
		return this.localAddress;
	}

	@Override
	public boolean isOpen() {
		return !this.closed.get();
	}

	@Override
	public int sendLimit() {
		return this.sendLimit;
	}

	@Override
	public void send(byte[] payload) {
		send(payload, 0, payload.length);
	}

	@Override
	public void send(byte[] payload, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, payload.length);
		if (length > this.sendLimit) {
			throw new DtlsPayloadTooLargeException(length, this.sendLimit);
		}
		if (this.closed.get()) {
			throw new DtlsException("Plain channel to " + this.peer + " is closed");
		}
		try {
			this.sender.send(this.peer, payload, offset, length);
		}
		catch (IOException ex) {
			throw new DtlsException("Sending to " + this.peer + " on a plain channel failed: " + ex, ex);
		}
	}

	@Override
	public byte @Nullable [] receive(Duration timeout) throws InterruptedException {
		byte[] datagram = this.inbound.poll(timeout);
		if (datagram == null && this.inbound.isClosed() && this.inbound.isEmpty()) {
			throw new DtlsException("Plain channel to " + this.peer + " is closed");
		}
		return datagram;
	}

	@Override
	public long droppedDatagrams() {
		return this.droppedDatagrams.sum();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.inbound.close();
			this.onClose.accept(this);
		}
	}

	@Override
	public String toString() {
		return "PlainUdpChannel[peer=" + this.peer + ((isOpen()) ? "" : ", closed") + "]";
	}

}
