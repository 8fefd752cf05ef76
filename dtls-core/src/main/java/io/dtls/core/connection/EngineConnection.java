package io.dtls.core.connection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionClosedException;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.DtlsException;
import io.dtls.core.DtlsPayloadTooLargeException;
import io.dtls.core.DtlsSession;
import io.dtls.core.DtlsTimeoutException;
import io.dtls.core.PlainUdpChannel;
import io.dtls.core.event.DropReason;
import io.dtls.core.handshake.AlertSink;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.transport.PeerTransport;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link DtlsConnection}: an established Bouncy Castle {@link DTLSTransport}
 * driven by datagram arrival.
 * <p>
 * The endpoint's receive path calls {@link #onDatagram} for each datagram of this peer, one at
 * a time; the record is decrypted right there, on that thread, and the plaintext goes to the
 * bounded inbound queue. From there a handler is called on the shared executor, at most one
 * task per connection at a time, which keeps messages in order; without a handler the
 * application takes messages with {@link #receive(Duration)}.
 */
public final class EngineConnection implements DtlsConnection, AlertSink {

	private static final Logger logger = LoggerFactory.getLogger(EngineConnection.class);

	/** How long an endpoint keeps a peer's datagrams after its close_notify, for a late {@link #unwrap}. */
	public static final Duration UNWRAP_WINDOW = Duration.ofSeconds(5);

	private static final VarHandle AWAITING_CLOSE_NOTIFY;

	static {
		try {
			AWAITING_CLOSE_NOTIFY = MethodHandles.lookup()
				.findVarHandle(EngineConnection.class, "awaitingCloseNotify", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Messages handled per executor task before the task yields to other connections. */
	private static final int DELIVERY_BATCH = 64;

	/**
	 * The connection whose delivery this thread is re-scheduling, so that an executor that runs
	 * the task at once in the calling thread (such as {@code Runnable::run}) makes the delivery
	 * loop rather than recurse.
	 */
	private static final ThreadLocal<EngineConnection> reschedulingHere = new ThreadLocal<>();

	private static final AtomicLong ids = new AtomicLong();

	private final String id = Long.toHexString(0x1000_0000L + ids.incrementAndGet());

	private final DTLSTransport dtls;

	private final PeerTransport transport;

	private final DtlsSession session;

	private final InetSocketAddress localAddress;

	private final @Nullable DtlsConnectionHandler handler;

	private final Executor executor;

	private final EventPublisher events;

	private final ConnectionOwner owner;

	private final InboundQueue inbound;

	private final int sendLimit;

	private final LongAdder droppedMessages = new LongAdder();

	private final AtomicReference<@Nullable CloseReason> closeReason = new AtomicReference<>();

	private final AtomicBoolean delivering = new AtomicBoolean();

	/** Serializes decryption between the receive path and {@link #receiveQueued()}. */
	private final ReentrantLock receiveLock = new ReentrantLock();

	private volatile boolean openedNotified;

	private volatile boolean closedNotified;

	private volatile long lastActivityMillis = System.currentTimeMillis();

	private volatile short fatalAlertReceived = -1;

	private volatile boolean closeNotifyReceived;

	/** Set while {@link #unwrap} waits for the peer's close_notify, which must still be decrypted. */
	private volatile boolean awaitingCloseNotify;

	/** Set when the endpoint stopped while {@link #unwrap} waited for the peer's close_notify. */
	private volatile boolean stoppedDuringUnwrap;

	/** Set once the owner stopped routing to this connection. */
	private volatile boolean released;

	/** Set by the receive path when it queued a message, and cleared when it schedules delivery. */
	private volatile boolean deliveryPending;

	public EngineConnection(DTLSTransport dtls, PeerTransport transport, DtlsSession session,
			InetSocketAddress localAddress, @Nullable DtlsConnectionHandler handler, Executor executor,
			int inboundCapacity, EventPublisher events, ConnectionOwner owner) throws IOException {
		this.dtls = dtls;
		this.transport = transport;
		this.session = session;
		this.localAddress = localAddress;
		this.handler = handler;
		this.executor = executor;
		this.events = events;
		this.owner = owner;
		this.inbound = new InboundQueue(inboundCapacity);
		this.sendLimit = dtls.getSendLimit();
		// The handshake is over: from now on the receive path drives this transport, never waiting.
		transport.established();
		transport.onQueued(this::receiveQueued);
	}

	/**
	 * Starts delivery: the handler's {@code onOpened} runs before any message.
	 */
	public void open() {
		this.events.connectionOpened(this);
		if (this.handler != null) {
			scheduleDelivery();
		}
	}

	/**
	 * Decrypts a datagram from the peer and queues the application data it carries. Called by
	 * the receive path only, never concurrently for one connection.
	 * @param buffer the datagram in its first {@code length} bytes; read only during this call
	 * @param scratch a buffer of at least the maximum datagram size, reused across calls
	 */
	public void onDatagram(byte[] buffer, int length, byte[] scratch) {
		if (!isOpen() && !this.awaitingCloseNotify) {
			this.events.dropped(peerAddress(), DropReason.CONNECTION_CLOSED, length);
			return;
		}
		this.lastActivityMillis = System.currentTimeMillis();
		this.receiveLock.lock();
		try {
			if (!this.transport.handOff(buffer, length)) {
				this.events.dropped(peerAddress(), DropReason.CONNECTION_CLOSED, length);
				return;
			}
			if (!receiveRecords(scratch)) {
				this.events.dropped(peerAddress(), DropReason.RECORD_REJECTED, length);
			}
		}
		finally {
			this.transport.clearHandOff();
			this.receiveLock.unlock();
		}
		scheduleDeliveryIfPending();
	}

	/**
	 * Decrypts datagrams that arrived between the end of the handshake and the registration of
	 * this connection, which the receive path had queued for the handshake.
	 */
	public void receiveQueued() {
		this.receiveLock.lock();
		try {
			receiveRecords(new byte[this.transport.getReceiveLimit()]);
		}
		finally {
			this.receiveLock.unlock();
		}
		scheduleDeliveryIfPending();
	}

	/**
	 * Reads every queued record.
	 * @return whether a record carried application data or the connection closed
	 */
	private boolean receiveRecords(byte[] scratch) {
		boolean delivered = false;
		while (true) {
			int length;
			try {
				length = this.dtls.receive(scratch, 0, scratch.length, 1);
			}
			catch (InterruptedIOException ex) {
				break;
			}
			catch (TlsFatalAlertReceived ex) {
				finish(CloseReason.peerFatalAlert(ex.getAlertDescription()));
				return true;
			}
			catch (IOException | RuntimeException ex) {
				if (isOpen()) {
					logger.debug("Connection {} to {} failed while receiving", this.id, peerAddress(), ex);
				}
				finish(CloseReason.failed(ex));
				return true;
			}
			if (length >= 0) {
				delivered = true;
				enqueue(Arrays.copyOf(scratch, length));
			}
		}
		if (this.transport.isClosed() && isOpen()) {
			short alert = this.fatalAlertReceived;
			if (finish((alert >= 0) ? CloseReason.peerFatalAlert(alert) : CloseReason.PEER_CLOSE_NOTIFY)) {
				return true;
			}
			// An unwrap() started meanwhile and closed the connection: its wait ends below.
		}
		if (this.closeNotifyReceived && stopAwaitingCloseNotify()) {
			// The peer's close_notify that unwrap() waits for. Released here, on the receive path,
			// so that the peer's next datagram already takes the plain route.
			release(CloseReason.CLOSED_LOCALLY);
			return true;
		}
		return delivered;
	}

	/**
	 * Queues a decrypted message. Delivery is scheduled once the receive lock is released, by
	 * {@link #scheduleDeliveryIfPending}, so that a handler run in the calling thread never
	 * holds this connection's receive lock.
	 */
	private void enqueue(byte[] message) {
		if (!this.inbound.offer(message)) {
			this.droppedMessages.increment();
			this.events.dropped(peerAddress(), DropReason.INBOUND_QUEUE_FULL, message.length);
			return;
		}
		this.deliveryPending = true;
	}

	/**
	 * Schedules delivery of what the receive path queued, or of the close it caused. Called by
	 * the receive path after releasing the receive lock.
	 */
	private void scheduleDeliveryIfPending() {
		if (this.handler != null && (this.deliveryPending || (!isOpen() && !this.closedNotified))) {
			this.deliveryPending = false;
			scheduleDelivery();
		}
	}

	private void scheduleDelivery() {
		if (this.delivering.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::deliver);
			}
			catch (RejectedExecutionException ex) {
				this.delivering.set(false);
				logger.warn("Executor rejected delivery for connection {} to {}; messages stay queued", this.id,
						peerAddress());
			}
		}
	}

	private void deliver() {
		if (reschedulingHere.get() == this) {
			// The executor ran the re-scheduling below in this thread: the loop there goes on.
			reschedulingHere.set(null);
			return;
		}
		boolean again = true;
		while (again) {
			deliverBatch();
			boolean closePending = this.closeReason.get() != null && !this.closedNotified;
			again = (!this.inbound.isEmpty() || closePending) && rescheduleRanHere();
		}
	}

	/**
	 * Schedules the next batch of deliveries.
	 * @return whether the executor ran the task at once in this thread, which then owns the
	 * delivery and must run the batch itself
	 */
	private boolean rescheduleRanHere() {
		reschedulingHere.set(this);
		try {
			scheduleDelivery();
			return reschedulingHere.get() != this;
		}
		finally {
			reschedulingHere.remove();
		}
	}

	private void deliverBatch() {
		DtlsConnectionHandler handler = Objects.requireNonNull(this.handler);
		try {
			if (!this.openedNotified) {
				this.openedNotified = true;
				invoke(() -> handler.onOpened(this));
			}
			for (int i = 0; i < DELIVERY_BATCH; i++) {
				byte[] message = this.inbound.pollNow();
				if (message == null) {
					break;
				}
				invoke(() -> handler.onMessage(this, message));
			}
			CloseReason reason = this.closeReason.get();
			if (reason != null && !this.closedNotified && this.inbound.isEmpty()) {
				this.closedNotified = true;
				invoke(() -> handler.onClosed(this, reason));
			}
		}
		finally {
			this.delivering.set(false);
		}
	}

	private void invoke(Runnable callback) {
		try {
			callback.run();
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			// Errors such as AssertionError are caught too, so that one failing call neither kills
			// the delivery thread nor leaves this connection's later messages undelivered.
			if (isOpen()) {
				logger.warn("Handler failed on connection {} to {}; the connection stays open", this.id,
						peerAddress(), ex);
			}
			else {
				logger.debug("Handler failed on connection {} to {}, which is closed", this.id, peerAddress(), ex);
			}
		}
	}

	/**
	 * Returns whether every received message has been handed to the handler, so that a stopping
	 * endpoint can close the connection without losing any.
	 */
	public boolean isDeliveryComplete() {
		return this.handler == null || (this.inbound.isEmpty() && !this.delivering.get());
	}

	/**
	 * Returns whether every callback, including {@code onClosed}, has run.
	 */
	public boolean isClosedNotified() {
		return this.handler == null || this.closedNotified;
	}

	@Override
	public void alertReceived(short alertLevel, short alertDescription) {
		if (alertLevel == AlertLevel.fatal) {
			this.fatalAlertReceived = alertDescription;
		}
		else if (alertDescription == AlertDescription.close_notify) {
			this.closeNotifyReceived = true;
			if (!this.awaitingCloseNotify) {
				// The peer closes first, and the record layer sends its reply once this returns.
				this.owner.closeNotifyReceived(this);
			}
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public InetSocketAddress peerAddress() {
		return this.transport.peer();
	}

	@Override
	public InetSocketAddress localAddress() {
		return this.localAddress;
	}

	@Override
	public DtlsSession session() {
		return this.session;
	}

	@Override
	public boolean isOpen() {
		return this.closeReason.get() == null;
	}

	@Override
	public @Nullable CloseReason closeReason() {
		return this.closeReason.get();
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
	public void send(ByteBuffer payload) {
		int length = payload.remaining();
		if (payload.hasArray()) {
			send(payload.array(), payload.arrayOffset() + payload.position(), length);
		}
		else {
			byte[] copy = new byte[length];
			payload.duplicate().get(copy);
			send(copy, 0, length);
		}
		payload.position(payload.position() + length);
	}

	@Override
	public void send(byte[] payload, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, payload.length);
		if (length > this.sendLimit) {
			throw new DtlsPayloadTooLargeException(length, this.sendLimit);
		}
		CloseReason reason = this.closeReason.get();
		if (reason != null) {
			throw new DtlsConnectionClosedException(
					"Connection " + this.id + " to " + peerAddress() + " is closed (" + reason + ")", reason);
		}
		try {
			// Bouncy Castle rejects zero offsets into empty arrays, so an empty payload gets its own buffer.
			this.dtls.send((length == 0) ? new byte[1] : payload, (length == 0) ? 0 : offset, length);
		}
		catch (IOException ex) {
			CloseReason closedMeanwhile = this.closeReason.get();
			if (closedMeanwhile != null) {
				// Another thread closed the connection while this send was under way.
				throw new DtlsConnectionClosedException(
						"Connection " + this.id + " to " + peerAddress() + " is closed (" + closedMeanwhile + ")",
						closedMeanwhile);
			}
			finish(CloseReason.failed(ex));
			throw new DtlsException("Sending to " + peerAddress() + " on connection " + this.id + " failed: " + ex,
					ex);
		}
		this.lastActivityMillis = System.currentTimeMillis();
	}

	@Override
	public byte @Nullable [] receive(Duration timeout) throws InterruptedException {
		if (this.handler != null) {
			throw new IllegalStateException("Connection " + this.id
					+ " delivers its messages to a DtlsConnectionHandler; receive() is for endpoints built without one");
		}
		byte[] message = this.inbound.poll(timeout);
		if (message == null && this.inbound.isClosed() && this.inbound.isEmpty()) {
			CloseReason reason = this.closeReason.get();
			throw new DtlsConnectionClosedException(
					"Connection " + this.id + " to " + peerAddress() + " is closed (" + reason + ")", reason);
		}
		return message;
	}

	@Override
	public Instant lastActivity() {
		return Instant.ofEpochMilli(this.lastActivityMillis);
	}

	public long lastActivityMillis() {
		return this.lastActivityMillis;
	}

	@Override
	public long droppedMessages() {
		return this.droppedMessages.sum();
	}

	@Override
	public PlainUdpChannel unwrap(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (this.closeReason.get() == null) {
			PlainChannel plain = this.owner.openPlainRoute(this);
			// Set before the connection counts as closed, so that the receive path reads the peer's
			// close_notify rather than dropping it.
			this.awaitingCloseNotify = true;
			if (this.closeReason.compareAndSet(null, CloseReason.CLOSED_LOCALLY)) {
				return exchangeCloseNotify(plain, timeout, deadline);
			}
			stopAwaitingCloseNotify();
			if (this.closeReason.get().kind() == CloseReason.Kind.PEER_CLOSE_NOTIFY) {
				// The peer's close_notify won the race: the route opened above serves.
				return plain;
			}
			plain.close();
		}
		CloseReason reason = this.closeReason.get();
		if (reason.kind() != CloseReason.Kind.PEER_CLOSE_NOTIFY) {
			throw new DtlsConnectionClosedException("Connection " + this.id + " to " + peerAddress()
					+ " cannot be unwrapped: it closed without a close_notify exchange (" + reason + ")", reason);
		}
		// The receive path may still be releasing the connection, which opens the route to claim.
		while (!this.released && System.nanoTime() - deadline < 0) {
			Thread.sleep(1);
		}
		PlainChannel plain = this.owner.claimPlainRoute(this);
		if (plain == null) {
			throw new DtlsConnectionClosedException("Connection " + this.id + " to " + peerAddress()
					+ " cannot be unwrapped: the peer's close_notify came more than " + UNWRAP_WINDOW.toSeconds()
					+ " s ago, or another unwrap claimed the route; unwrap within " + UNWRAP_WINDOW.toSeconds()
					+ " s of the peer's close_notify", reason);
		}
		return plain;
	}

	/**
	 * Sends close_notify and waits until the receive path has read the peer's close_notify and
	 * released the connection. Until then the record layer goes on decrypting this peer's
	 * datagrams, because the peer's close_notify arrives encrypted.
	 */
	private PlainChannel exchangeCloseNotify(PlainChannel plain, Duration timeout, long deadline)
			throws InterruptedException {
		sendCloseNotify();
		boolean interrupted = false;
		try {
			while (!this.released && System.nanoTime() - deadline < 0) {
				Thread.sleep(1);
			}
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		// The thread that ends the wait releases the connection: the receive path after reading
		// the peer's close_notify, the endpoint's stop, or this thread when none came.
		boolean replied = !stopAwaitingCloseNotify();
		if (!replied) {
			release(CloseReason.CLOSED_LOCALLY);
		}
		if (!replied || interrupted || this.stoppedDuringUnwrap) {
			plain.close();
		}
		if (interrupted) {
			throw new InterruptedException("Interrupted while waiting for close_notify from " + peerAddress()
					+ " on connection " + this.id + "; the connection is closed and no plain channel opened");
		}
		if (this.stoppedDuringUnwrap) {
			throw new DtlsConnectionClosedException("Connection " + this.id + " to " + peerAddress()
					+ " cannot be unwrapped: the endpoint stopped while waiting for the peer's close_notify;"
					+ " no plain channel opened", CloseReason.ENDPOINT_STOPPED);
		}
		if (!replied) {
			throw new DtlsTimeoutException("Peer " + peerAddress() + " did not answer close_notify on connection "
					+ this.id + " within " + timeout + "; the connection is closed and no plain channel opened");
		}
		return plain;
	}

	/**
	 * Ends the wait of {@link #unwrap} for the peer's close_notify.
	 * @return whether this call ended it; {@code false} if nothing waited or another thread ended it
	 */
	private boolean stopAwaitingCloseNotify() {
		return AWAITING_CLOSE_NOTIFY.compareAndSet(this, true, false);
	}

	@Override
	public void close() {
		close(CloseReason.CLOSED_LOCALLY);
	}

	/**
	 * Closes the connection for the given reason, sending close_notify unless the peer replaced
	 * it with a new handshake (its old keys are gone, so the alert could not be read).
	 */
	public void close(CloseReason reason) {
		// The reason is claimed first, so that the peer's answering close_notify, which may
		// arrive before this method returns, cannot be taken for a close started by the peer.
		if (!this.closeReason.compareAndSet(null, reason)) {
			if (reason.kind() == CloseReason.Kind.ENDPOINT_STOPPED && stopAwaitingCloseNotify()) {
				// An unwrap() waits for a close_notify that the stopped endpoint will not read.
				this.stoppedDuringUnwrap = true;
				release(CloseReason.CLOSED_LOCALLY);
			}
			return;
		}
		if (reason.kind() != CloseReason.Kind.REPLACED) {
			sendCloseNotify();
		}
		release(reason);
	}

	/**
	 * Sends close_notify (RFC 5246 7.2.1) and closes Bouncy Castle's record layer. The receive
	 * lock keeps the peer's close_notify from being decrypted meanwhile. The record layer marks
	 * itself closed only after sending, so a close_notify read in between would make it send one
	 * a second time, which after {@link #unwrap} would reach the peer as a plain datagram.
	 */
	private void sendCloseNotify() {
		this.receiveLock.lock();
		try {
			this.dtls.close();
		}
		catch (IOException ex) {
			logger.debug("Sending close_notify to {} on connection {} failed", peerAddress(), this.id, ex);
		}
		finally {
			this.receiveLock.unlock();
		}
	}

	/**
	 * Closes the connection for a reason the receive path found, unless it closed already.
	 * @return whether this call closed it
	 */
	private boolean finish(CloseReason reason) {
		if (!this.closeReason.compareAndSet(null, reason)) {
			return false;
		}
		release(reason);
		return true;
	}

	private void release(CloseReason reason) {
		this.transport.cancel();
		// The owner stops routing first, so that a caller who sees receive() end can unwrap at once.
		this.owner.connectionClosed(this);
		this.released = true;
		this.inbound.close();
		logger.debug("Connection {} to {} closed: {}", this.id, peerAddress(), reason);
		this.events.connectionClosed(this, reason);
		// Under the receive lock, the receive path schedules once it has released the lock.
		if (this.handler != null && !this.receiveLock.isHeldByCurrentThread()) {
			scheduleDelivery();
		}
	}

	@Override
	public String toString() {
		return "DtlsConnection[id=" + this.id + ", peer=" + peerAddress() + ", cipherSuite="
				+ this.session.cipherSuite() + ((isOpen()) ? "" : ", closed: " + this.closeReason.get()) + "]";
	}

}
