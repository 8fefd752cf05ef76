package io.dtls.core.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsException;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.connection.ConnectionOwner;
import io.dtls.core.connection.EngineConnection;
import io.dtls.core.connection.PlainChannel;
import io.dtls.core.cookie.CookieVerifier;
import io.dtls.core.crypto.BouncyCastleVersion;
import io.dtls.core.crypto.EngineCrypto;
import io.dtls.core.demux.ConnectedDemultiplexer;
import io.dtls.core.demux.DatagramDemultiplexer;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.demux.RouterDemultiplexer;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsRole;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.handshake.EngineTlsServer;
import io.dtls.core.handshake.ServerTlsSettings;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.record.DtlsRecords;
import io.dtls.core.record.HandshakeMessageGuard;
import io.dtls.core.transport.PeerTransport;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DTLS 1.2 server on one UDP port, in the manner of {@link java.net.ServerSocket}.
 * <p>
 * A datagram's path: the demultiplexer's receive thread reads it; a ClientHello from a new
 * peer goes through the stateless cookie exchange ({@link CookieVerifier}); one that carries a
 * valid cookie starts a handshake on a handshake thread, within the concurrent and per-address
 * limits; once established, the connection decrypts each of its datagrams on the receive
 * thread and delivers the plaintext to the handler, or to {@link #accept} and
 * {@link DtlsConnection#receive} without one.
 * <p>
 * A peer that sends a new initial ClientHello while it has a connection, such as a device that
 * rebooted, goes through the cookie exchange and a full handshake; its old connection is
 * replaced once that handshake completes (RFC 6347 4.2.8).
 *
 * @since 0.1.0
 */
public final class DtlsServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DtlsServer.class);

	private static final AtomicInteger serverCount = new AtomicInteger();

	/** Handshake failures at INFO for operators, at most one line per second since peers can cause them at will. */
	private static final io.dtls.core.internal.RateLimitedLogger failureLogger = new io.dtls.core.internal.RateLimitedLogger(
			logger, 1, TimeUnit.SECONDS);

	private final DtlsServerBuilder config;

	private final EventPublisher events;

	private final HandshakeMessageGuard guard;

	private final EngineCrypto crypto;

	private final ServerTlsSettings tlsSettings;

	private final CookieVerifier cookies;

	private final DatagramDemultiplexer demux;

	private final HandshakeLimiter limiter;

	private final ConcurrentHashMap<InetSocketAddress, EngineConnection> connections = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<InetSocketAddress, ServerHandshake> handshakes = new ConcurrentHashMap<>();

	private final LinkedBlockingQueue<DtlsConnection> acceptQueue;

	private final PlainRoutes plainRoutes;

	private final ConnectionOwner owner = new Owner();

	private final int serverId = serverCount.incrementAndGet();

	private final Object lifecycleMonitor = new Object();

	private final Object peerMonitor = new Object();

	private final java.util.concurrent.CountDownLatch terminated = new java.util.concurrent.CountDownLatch(1);

	private volatile State state = State.NEW;

	private @Nullable ServerThreads threads;

	DtlsServer(DtlsServerBuilder config) {
		this.config = config;
		this.events = new EventPublisher(new DtlsStatistics(), config.eventListener);
		this.guard = new HandshakeMessageGuard(config.maxHandshakeMessageLength);
		this.crypto = EngineCrypto.create(config.cryptoBackend, this.guard, () -> this.events.dropped(null,
				DropReason.HANDSHAKE_MESSAGE_TOO_LARGE, 0));
		this.tlsSettings = new ServerTlsSettings(this.crypto, config.credentials, config.trust, config.clientAuth,
				config.pskStore, config.pskIdentityHint, config.cipherSuites, (int) config.handshakeTimeout.toMillis(),
				config.legacyDtls10);
		this.cookies = new CookieVerifier(this.crypto.tlsCrypto());
		this.demux = (config.demux.resolve() == DemuxMode.CONNECTED)
				? new ConnectedDemultiplexer(config.bindAddress, config.maxDatagramSize, this.events)
				: new RouterDemultiplexer(config.bindAddress, config.maxDatagramSize, this.events);
		this.limiter = new HandshakeLimiter(config.maxHandshakes, config.maxHandshakesPerAddress);
		this.acceptQueue = new LinkedBlockingQueue<>(config.acceptBacklog);
		this.plainRoutes = new PlainRoutes(this.demux, config.maxDatagramSize, config.inboundQueueCapacity, this.events,
				this::detachIfUnused);
		checkCipherSuites();
	}

	/**
	 * Creates a builder for a server.
	 */
	public static DtlsServerBuilder builder() {
		return new DtlsServerBuilder();
	}

	private List<String> usableCipherSuiteNames() {
		return java.util.Arrays.stream(new EngineTlsServer(this.tlsSettings, new InetSocketAddress(0)).usableCipherSuites())
			.mapToObj(io.dtls.core.cipher.DtlsCipherSuite::nameOf)
			.toList();
	}

	private void checkCipherSuites() {
		if (usableCipherSuiteNames().isEmpty()) {
			throw new DtlsConfigurationException("None of the configured cipher suites " + this.config.cipherSuites
					+ " can be used with the configured credentials: certificate suites need credentials of the"
					+ " matching key type (ECDSA or RSA), PSK suites need a pskStore");
		}
	}

	/**
	 * Binds the port and starts receiving.
	 * @throws DtlsException if the address cannot be bound
	 * @throws IllegalStateException if the server was started before
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.state != State.NEW) {
				throw new IllegalStateException("DtlsServer can be started once; it is " + this.state);
			}
			ServerThreads threads = new ServerThreads("dtls-" + this.serverId + "-", this.config.maxHandshakes,
					this.config.executor);
			this.threads = threads;
			try {
				this.demux.start(this::onDatagram);
			}
			catch (IOException ex) {
				threads.shutdown(System.nanoTime());
				this.state = State.STOPPED;
				throw new DtlsException("Cannot bind DTLS server to " + describe(this.config.bindAddress) + ": " + ex.getMessage()
						+ "; choose a free port or another address", ex);
			}
			long rotation = this.config.cookieSecretRotation.toMillis();
			threads.timer.scheduleAtFixedRate(this.cookies::rotate, rotation, rotation, TimeUnit.MILLISECONDS);
			if (!this.config.idleTimeout.isZero()) {
				long sweep = Math.max(100, Math.min(1000, this.config.idleTimeout.toMillis() / 4));
				threads.timer.scheduleWithFixedDelay(this::closeIdleConnections, sweep, sweep,
						TimeUnit.MILLISECONDS);
			}
			this.state = State.RUNNING;
			logger.info("DTLS server listening on {} with the {} demultiplexer and cipher suites {} on Bouncy Castle {}",
					localAddress(), this.demux.mode().name().toLowerCase(Locale.ROOT), usableCipherSuiteNames(),
					BouncyCastleVersion.describe());
		}
	}

	/**
	 * Routes one datagram; called on the receive thread.
	 */
	private void onDatagram(InetSocketAddress source, byte[] buffer, int length, byte[] scratch) {
		this.events.datagramReceived(length);
		if (this.state != State.RUNNING) {
			this.events.dropped(source, DropReason.ENDPOINT_STOPPING, length);
			return;
		}
		if (!this.plainRoutes.isEmpty() && !this.connections.containsKey(source)
				&& this.plainRoutes.offer(source, buffer, length)) {
			return;
		}
		if (length < DtlsRecords.RECORD_HEADER_LENGTH) {
			this.events.dropped(source, DropReason.MALFORMED, length);
			return;
		}
		if (!this.guard.admitsDatagram(buffer, length)) {
			this.events.dropped(source, DropReason.HANDSHAKE_MESSAGE_TOO_LARGE, length);
			return;
		}

		// The handshake is read first: a completing handshake registers its connection before it
		// leaves the table, so a missing handshake means the connection is already visible.
		ServerHandshake handshake = this.handshakes.get(source);
		EngineConnection connection = this.connections.get(source);
		int contentType = DtlsRecords.contentType(buffer, 0);
		boolean handshakeRecord = contentType == DtlsRecords.CONTENT_TYPE_HANDSHAKE
				|| contentType == DtlsRecords.CONTENT_TYPE_CHANGE_CIPHER_SPEC;
		if (handshake != null && (handshakeRecord || connection == null)) {
			handshake.datagramArrived();
			if (!handshake.transport().offerDuringHandshake(java.util.Arrays.copyOf(buffer, length))) {
				this.events.dropped(source, DropReason.HANDSHAKE_QUEUE_FULL, length);
			}
			return;
		}

		if (DtlsRecords.isClientHello(buffer, length)) {
			onClientHello(source, buffer, length, connection != null);
			return;
		}
		if (connection != null) {
			connection.onDatagram(buffer, length, scratch);
			return;
		}
		this.events.dropped(source, DropReason.UNEXPECTED_FROM_UNKNOWN_PEER, length);
	}

	private void onClientHello(InetSocketAddress source, byte[] buffer, int length, boolean connected) {
		DTLSRequest request;
		boolean[] answered = new boolean[1];
		try {
			request = this.cookies.verify(source, buffer, length, (client, helloVerifyRequest) -> {
				answered[0] = true;
				sendHelloVerifyRequest(client, helloVerifyRequest);
			});
		}
		catch (IOException ex) {
			logger.debug("Sending HelloVerifyRequest to {} failed", source, ex);
			return;
		}
		if (request == null) {
			if (!answered[0]) {
				// Neither a valid cookie nor a HelloVerifyRequest: the ClientHello is malformed.
				this.events.dropped(source, DropReason.MALFORMED, length);
			}
			return;
		}

		if (!connected && this.config.maxConnectionsPolicy == MaxConnectionsPolicy.REJECT_NEW
				&& this.connections.size() + this.handshakes.size() >= this.config.maxConnections) {
			this.events.dropped(source, DropReason.CONNECTION_LIMIT, length);
			return;
		}
		DropReason refused = this.limiter.tryAcquire(source.getAddress());
		if (refused != null) {
			// The client retransmits its ClientHello; a slot freed from a stalled peer serves it then.
			cancelStalledHandshake((refused == DropReason.HANDSHAKES_PER_ADDRESS_LIMIT) ? source.getAddress() : null);
			this.events.dropped(source, refused, length);
			return;
		}

		PeerTransport transport = new PeerTransport(source, this.demux, this.config.maxDatagramSize,
				this.config.handshakeQueueCapacity);
		ServerHandshake handshake = new ServerHandshake(this, transport, new EngineTlsServer(this.tlsSettings, source),
				request);
		this.handshakes.put(source, handshake);
		attach(source);
		try {
			this.threads.handshakes.execute(handshake);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			this.handshakes.remove(source, handshake);
			this.limiter.release(source.getAddress());
			detachIfUnused(source);
			this.events.dropped(source, DropReason.HANDSHAKE_LIMIT, length);
		}
	}

	/**
	 * Cancels the handshake that has waited longest for a datagram from its peer, if it has
	 * waited more than the stall timeout, so that peers which pass the cookie exchange and
	 * then go silent cannot hold every handshake slot until the handshake timeout.
	 * @param address limits the search to handshakes from this address, or {@code null} for all
	 */
	private void cancelStalledHandshake(@Nullable InetAddress address) {
		long stalledBefore = System.nanoTime() - this.config.handshakeStallTimeout.toNanos();
		ServerHandshake stalest = null;
		for (ServerHandshake handshake : this.handshakes.values()) {
			boolean inScope = address == null || handshake.peer().getAddress().equals(address);
			if (inScope && handshake.lastDatagramNanos() - stalledBefore < 0
					&& (stalest == null || handshake.lastDatagramNanos() - stalest.lastDatagramNanos() < 0)) {
				stalest = handshake;
			}
		}
		if (stalest != null) {
			logger.debug("Cancelling the handshake with {}: no datagram for more than {}", stalest.peer(),
					this.config.handshakeStallTimeout);
			stalest.cancelAsStalled();
		}
	}

	private void sendHelloVerifyRequest(InetSocketAddress client, byte[] datagram) throws IOException {
		this.demux.send(client, datagram, 0, datagram.length);
		this.events.helloVerifyRequestSent(client, datagram.length);
	}

	void handshakeCompleted(ServerHandshake handshake, DTLSTransport dtls, EngineTlsServer tlsServer,
			Duration duration) {
		InetSocketAddress peer = handshake.peer();
		EngineConnection connection;
		try {
			connection = new EngineConnection(dtls, handshake.transport(), tlsServer.session(), localAddress(),
					this.config.handler, this.threads.delivery, this.config.inboundQueueCapacity, this.events,
					this.owner);
		}
		catch (IOException ex) {
			handshakeFailed(handshake, HandshakeFailure.INTERNAL_ERROR, duration, ex);
			return;
		}
		tlsServer.alertSink(connection);
		EngineConnection replaced;
		synchronized (this.lifecycleMonitor) {
			if (this.state != State.RUNNING) {
				handshake.transport().cancel();
				release(handshake);
				return;
			}
			replaced = this.connections.put(peer, connection);
			release(handshake);
		}
		if (replaced != null) {
			logger.debug("Connection {} to {} replaced by a new handshake", replaced.id(), peer);
			replaced.close(CloseReason.REPLACED);
		}
		evictIfOverLimit(connection);
		this.events.handshakeCompleted(connection, DtlsRole.SERVER, duration);
		logger.debug("Connection {} to {} established in {} ms with {}", connection.id(), peer, duration.toMillis(),
				connection.session().cipherSuite());
		connection.open();
		connection.receiveQueued();
		if (this.config.handler == null && !this.acceptQueue.offer(connection)) {
			logger.warn("Accept backlog of {} is full; closing connection {} to {}", this.config.acceptBacklog,
					connection.id(), peer);
			connection.close();
		}
	}

	void handshakeFailed(ServerHandshake handshake, HandshakeFailure failure, Duration duration, Throwable cause) {
		release(handshake);
		if (failure != HandshakeFailure.CANCELLED) {
			failureLogger.info("Handshake with {} failed after {} ms: {}", handshake.peer(), duration.toMillis(),
					failure);
		}
		this.events.handshakeFailed(handshake.peer(), DtlsRole.SERVER, failure, duration, cause);
	}

	private void release(ServerHandshake handshake) {
		if (this.handshakes.remove(handshake.peer(), handshake)) {
			this.limiter.release(handshake.peer().getAddress());
			detachIfUnused(handshake.peer());
		}
	}

	/**
	 * Lets the demultiplexer route a peer that passed the cookie exchange; called on the
	 * receive thread.
	 */
	private void attach(InetSocketAddress peer) {
		synchronized (this.peerMonitor) {
			this.demux.attach(peer);
		}
	}

	/**
	 * Lets the demultiplexer release what it holds for a peer once the server keeps no state
	 * for it. Attaching and this check are serialized, so a peer that starts a new handshake
	 * while its last connection closes is either kept or attached again.
	 */
	private void detachIfUnused(InetSocketAddress peer) {
		synchronized (this.peerMonitor) {
			if (!this.handshakes.containsKey(peer) && !this.connections.containsKey(peer)
					&& !this.plainRoutes.isClaimed(peer)) {
				this.demux.detach(peer);
			}
		}
	}

	/**
	 * Lets the demultiplexer close the peer's own socket when the peer sent close_notify, before
	 * the reply is sent. The route kept for a late {@code unwrap} is served through the listener,
	 * and a socket closed after the reply could discard the peer's first plain datagram, which
	 * may arrive between the last read from the socket and its closing.
	 */
	private void releasePeerSocket(EngineConnection connection) {
		InetSocketAddress peer = connection.peerAddress();
		synchronized (this.peerMonitor) {
			if (this.connections.get(peer) == connection && !this.handshakes.containsKey(peer)
					&& !this.plainRoutes.isClaimed(peer)) {
				this.demux.detach(peer);
			}
		}
	}

	private void evictIfOverLimit(EngineConnection keep) {
		if (this.config.maxConnectionsPolicy != MaxConnectionsPolicy.EVICT_LEAST_RECENTLY_ACTIVE) {
			return;
		}
		while (this.connections.size() > this.config.maxConnections) {
			Optional<EngineConnection> oldest = this.connections.values()
				.stream()
				.filter((candidate) -> candidate != keep)
				.min(Comparator.comparingLong(EngineConnection::lastActivityMillis));
			if (oldest.isEmpty()) {
				return;
			}
			logger.debug("Evicting connection {} to {}: connection limit of {} reached", oldest.get().id(),
					oldest.get().peerAddress(), this.config.maxConnections);
			oldest.get().close(CloseReason.EVICTED);
		}
	}

	private void connectionClosed(EngineConnection connection) {
		if (this.connections.remove(connection.peerAddress(), connection)) {
			CloseReason reason = connection.closeReason();
			if (reason != null && reason.kind() == CloseReason.Kind.PEER_CLOSE_NOTIFY && this.state == State.RUNNING) {
				this.plainRoutes.keepAfterCloseNotify(connection, this.threads.timer);
			}
			detachIfUnused(connection.peerAddress());
		}
		this.acceptQueue.remove(connection);
	}

	private void closeIdleConnections() {
		long deadline = System.currentTimeMillis() - this.config.idleTimeout.toMillis();
		for (EngineConnection connection : this.connections.values()) {
			if (connection.lastActivityMillis() < deadline) {
				logger.debug("Closing connection {} to {}: idle for more than {}", connection.id(),
						connection.peerAddress(), this.config.idleTimeout);
				connection.close(CloseReason.IDLE_TIMEOUT);
			}
		}
	}

	/**
	 * Waits for the next established connection, for servers built without a handler.
	 * @return the connection, or {@code null} when none was established within the timeout
	 * @throws IllegalStateException if the server delivers to a handler
	 */
	public @Nullable DtlsConnection accept(Duration timeout) throws InterruptedException {
		if (this.config.handler != null) {
			throw new IllegalStateException(
					"This DtlsServer delivers connections to its DtlsConnectionHandler; accept() is for servers built without one");
		}
		return this.acceptQueue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Waits until a connection is established or the server stops.
	 * @throws DtlsException if the server stopped
	 */
	public DtlsConnection accept() throws InterruptedException {
		while (true) {
			DtlsConnection connection = accept(Duration.ofMillis(200));
			if (connection != null) {
				return connection;
			}
			if (this.state == State.STOPPING || this.state == State.STOPPED) {
				throw new DtlsException("DtlsServer on " + this.config.bindAddress + " stopped");
			}
		}
	}

	/**
	 * Returns the bound address, with the actual port when port 0 was requested.
	 * @throws IllegalStateException before {@link #start()}
	 */
	public InetSocketAddress localAddress() {
		if (this.state == State.NEW) {
			throw new IllegalStateException("DtlsServer is not started");
		}
		return this.demux.localAddress();
	}

	/**
	 * Returns a snapshot of the established connections.
	 */
	public List<DtlsConnection> connections() {
		return List.copyOf(this.connections.values());
	}

	public Optional<DtlsConnection> connection(InetSocketAddress peer) {
		return Optional.ofNullable(this.connections.get(peer));
	}

	public int handshakesInProgress() {
		return this.handshakes.size();
	}

	public DtlsStatistics statistics() {
		return this.events.statistics();
	}

	public boolean isRunning() {
		return this.state == State.RUNNING;
	}

	/**
	 * Returns whether the server is running and its receive thread is alive, so that datagrams
	 * from peers reach it.
	 */
	public boolean isReceiving() {
		return this.state == State.RUNNING && this.demux.isReceiving();
	}

	/**
	 * Returns how the server routes received datagrams to peers.
	 */
	public DemuxMode demuxMode() {
		return this.demux.mode();
	}

	/**
	 * Returns the IANA names of the configured cipher suites that the server's credentials can
	 * use, in order of preference.
	 */
	public List<String> cipherSuites() {
		return usableCipherSuiteNames();
	}

	DtlsServerBuilder config() {
		return this.config;
	}

	EventPublisher events() {
		return this.events;
	}

	/**
	 * Stops gracefully within {@code timeout}: stops receiving, cancels handshakes, lets the
	 * handler finish every message already received, sends close_notify to every peer, then
	 * releases the port and the threads. What is left when the timeout expires is closed at once.
	 */
	public void stop(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lifecycleMonitor) {
			if (this.state == State.NEW || this.state == State.STOPPED) {
				this.state = State.STOPPED;
				return;
			}
			if (this.state == State.STOPPING) {
				awaitTermination(deadline);
				return;
			}
			this.state = State.STOPPING;
		}
		InetSocketAddress address = this.demux.localAddress();
		try {
			this.demux.stopReceiving(remainingMillis(deadline));
			this.handshakes.values().forEach(ServerHandshake::cancel);
			awaitUntil(deadline, () -> this.connections.values().stream().allMatch(EngineConnection::isDeliveryComplete));
			long undelivered = this.connections.values()
				.stream()
				.filter((connection) -> !connection.isDeliveryComplete())
				.count();
			if (undelivered > 0) {
				logger.warn("Stop timeout of {} reached with {} connections still delivering received messages;"
						+ " their remaining messages are not handled", timeout, undelivered);
			}
			List<EngineConnection> open = List.copyOf(this.connections.values());
			open.forEach((connection) -> connection.close(CloseReason.ENDPOINT_STOPPED));
			awaitUntil(deadline, () -> open.stream().allMatch(EngineConnection::isClosedNotified));
			this.plainRoutes.closeAll();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			try {
				this.demux.close();
			}
			finally {
				// Whatever closing the sockets raised, the threads stop and waiting callers return.
				if (this.threads != null) {
					this.threads.shutdown(deadline);
				}
				this.state = State.STOPPED;
				this.terminated.countDown();
				logger.info("DTLS server on {} stopped", address);
			}
		}
	}

	private void awaitTermination(long deadline) {
		try {
			// A concurrent stop is under way; return when it has released the port, or at the deadline.
			this.terminated.await(remainingMillis(deadline), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops with a timeout of 10 seconds.
	 * @see #stop(Duration)
	 */
	@Override
	public void close() {
		stop(Duration.ofSeconds(10));
	}

	private static void awaitUntil(long deadline, java.util.function.BooleanSupplier condition)
			throws InterruptedException {
		while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
			Thread.sleep(10);
		}
	}

	private static String describe(InetSocketAddress address) {
		return (address.getAddress().isAnyLocalAddress() ? "*" : address.getAddress().getHostAddress()) + ":"
				+ address.getPort();
	}

	private static long remainingMillis(long deadline) {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
	}

	/**
	 * Connects the server's connections to its routing tables without making those methods public.
	 */
	private final class Owner implements ConnectionOwner {

		@Override
		public void connectionClosed(EngineConnection connection) {
			DtlsServer.this.connectionClosed(connection);
		}

		@Override
		public void closeNotifyReceived(EngineConnection connection) {
			DtlsServer.this.releasePeerSocket(connection);
		}

		@Override
		public PlainChannel openPlainRoute(EngineConnection connection) {
			return DtlsServer.this.plainRoutes.open(connection);
		}

		@Override
		public @Nullable PlainChannel claimPlainRoute(EngineConnection connection) {
			return DtlsServer.this.plainRoutes.claim(connection);
		}

	}

	private enum State {

		NEW, RUNNING, STOPPING, STOPPED

	}

}
