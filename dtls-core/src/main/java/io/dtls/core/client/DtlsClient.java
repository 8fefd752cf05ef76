package io.dtls.core.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsException;
import io.dtls.core.DtlsHandshakeException;
import io.dtls.core.DtlsTimeoutException;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.connection.EngineConnection;
import io.dtls.core.connection.PlainChannel;
import io.dtls.core.crypto.EngineCrypto;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsRole;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.handshake.ClientTlsSettings;
import io.dtls.core.handshake.EngineTlsClient;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.internal.NamedThreads;
import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DTLS 1.2 client that connects to servers, in the manner of {@link java.net.Socket}.
 * <p>
 * One client serves any number of connections: each has a UDP channel connected to its
 * server, and a single receive thread reads all of them through a selector, so an idle
 * connection holds no thread. Handshakes run on a pool of threads, one per handshake in
 * progress; retransmission follows RFC 6347 4.2.4, doubling from one second, and the whole
 * handshake is bounded by the connect timeout.
 *
 * @since 0.1.0
 */
public final class DtlsClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DtlsClient.class);

	private static final AtomicInteger clientCount = new AtomicInteger();

	private final DtlsClientBuilder config;

	private final EventPublisher events;

	private final EngineCrypto crypto;

	private final ClientReceiveLoop receiveLoop;

	private final ExecutorService handshakeExecutor;

	private final Executor deliveryExecutor;

	private final ExecutorService ownedDeliveryExecutor;

	private final ScheduledExecutorService housekeeping;

	private final Set<ClientChannel> channels = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	DtlsClient(DtlsClientBuilder config) {
		this.config = config;
		this.events = new EventPublisher(new DtlsStatistics(), config.eventListener);
		HandshakeMessageGuard guard = new HandshakeMessageGuard(config.maxHandshakeMessageLength);
		this.crypto = EngineCrypto.create(config.cryptoBackend, guard,
				() -> this.events.dropped(null, DropReason.HANDSHAKE_MESSAGE_TOO_LARGE, 0));
		String prefix = "dtls-client-" + clientCount.incrementAndGet() + "-";
		try {
			this.receiveLoop = new ClientReceiveLoop(config.maxDatagramSize, guard, this.events);
		}
		catch (IOException ex) {
			throw new DtlsException("Cannot open a selector for the DTLS client: " + ex.getMessage(), ex);
		}
		Thread receiveThread = NamedThreads.factory(prefix + "receive-").newThread(this.receiveLoop);
		receiveThread.start();
		this.handshakeExecutor = Executors.newCachedThreadPool(NamedThreads.factory(prefix + "handshake-"));
		if (config.executor != null) {
			this.ownedDeliveryExecutor = null;
			this.deliveryExecutor = config.executor;
		}
		else {
			this.ownedDeliveryExecutor = Executors.newFixedThreadPool(2, NamedThreads.factory(prefix + "handler-"));
			this.deliveryExecutor = this.ownedDeliveryExecutor;
		}
		this.housekeeping = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory(prefix + "timer-"));
		if (!config.idleTimeout.isZero()) {
			long sweep = Math.max(100, Math.min(1000, config.idleTimeout.toMillis() / 4));
			this.housekeeping.scheduleWithFixedDelay(this::closeIdleConnections, sweep, sweep, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Creates a builder for a client.
	 */
	public static DtlsClientBuilder builder() {
		return new DtlsClientBuilder();
	}

	/**
	 * Connects to a server and completes the handshake, waiting at most the configured connect
	 * timeout.
	 * @throws DtlsHandshakeException if the handshake fails, with the cause in its failure
	 * @throws DtlsTimeoutException if the handshake does not complete in time
	 */
	public DtlsConnection connect(String host, int port) {
		return connect(host, port, this.config.connectTimeout);
	}

	/**
	 * Connects to a server and completes the handshake within {@code timeout}.
	 * @see #connect(String, int)
	 */
	public DtlsConnection connect(String host, int port, Duration timeout) {
		CompletableFuture<DtlsConnection> future = connectAsync(host, port, timeout);
		try {
			return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new DtlsException("Interrupted while connecting to " + host + ":" + port, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof DtlsException dtlsException) {
				throw dtlsException;
			}
			throw new DtlsException("Connecting to " + host + ":" + port + " failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new DtlsTimeoutException("Handshake with " + host + ":" + port + " did not complete within " + timeout);
		}
	}

	/**
	 * Starts connecting with the configured connect timeout.
	 * @return a future completed with the connection, or exceptionally with a
	 * {@link DtlsException}
	 */
	public CompletableFuture<DtlsConnection> connectAsync(String host, int port) {
		return connectAsync(host, port, this.config.connectTimeout);
	}

	/**
	 * Starts connecting; the handshake must complete within {@code timeout}.
	 * @see #connectAsync(String, int)
	 */
	public CompletableFuture<DtlsConnection> connectAsync(String host, int port, Duration timeout) {
		if (this.closed) {
			return CompletableFuture.failedFuture(new DtlsException("DtlsClient is closed"));
		}
		CompletableFuture<DtlsConnection> future = new CompletableFuture<>();
		try {
			this.handshakeExecutor.execute(() -> handshake(host, port, timeout, future));
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			future.completeExceptionally(new DtlsException("DtlsClient is closed"));
		}
		return future;
	}

	private void handshake(String host, int port, Duration timeout, CompletableFuture<DtlsConnection> future) {
		InetSocketAddress server = new InetSocketAddress(host, port);
		if (server.isUnresolved()) {
			future.completeExceptionally(new DtlsException("Cannot resolve host '" + host + "'"));
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
			Duration attemptTimeout = (remaining.compareTo(this.config.handshakeAttemptTimeout) < 0) ? remaining
					: this.config.handshakeAttemptTimeout;
			DtlsException failure = attempt(host, server, attemptTimeout, timeout, future);
			if (failure == null) {
				return;
			}
			boolean timedOut = failure instanceof DtlsHandshakeException handshakeFailure
					&& handshakeFailure.getFailure() == HandshakeFailure.TIMEOUT;
			boolean timeLeft = deadline - System.nanoTime() > TimeUnit.SECONDS.toNanos(1);
			if (!timedOut || !timeLeft || this.closed || future.isDone()) {
				future.completeExceptionally(failure);
				return;
			}
			// Retransmissions back off up to a minute (RFC 6347 4.2.4.1), so after heavy loss a
			// fresh handshake from a new port gets through sooner than waiting out the backoff.
			logger.debug("Handshake attempt with {} timed out after {}; starting a fresh one", server,
					attemptTimeout);
		}
	}

	/**
	 * Runs one handshake attempt on a new channel.
	 * @return {@code null} once the future is completed with the connection, otherwise why the
	 * attempt failed
	 */
	private @Nullable DtlsException attempt(String host, InetSocketAddress server, Duration attemptTimeout,
			Duration totalTimeout, CompletableFuture<DtlsConnection> future) {
		ClientChannel channel;
		try {
			channel = open(server);
		}
		catch (IOException ex) {
			return new DtlsException("Cannot open a UDP socket to " + server + ": " + ex, ex);
		}
		ClientTlsSettings settings = new ClientTlsSettings(this.crypto, this.config.credentials, this.config.trust,
				this.config.pskIdentity, this.config.verifyHostname, this.config.cipherSuites,
				(int) Math.max(1, Math.min(Integer.MAX_VALUE, attemptTimeout.toMillis())), this.config.legacyDtls10);
		EngineTlsClient tlsClient = new EngineTlsClient(settings, host, server);
		long start = System.nanoTime();
		this.events.handshakeStarted(server, DtlsRole.CLIENT);
		future.whenComplete((connection, failure) -> {
			if (future.isCancelled()) {
				channel.close();
				this.channels.remove(channel);
			}
		});
		DTLSTransport dtls;
		try {
			dtls = new DTLSClientProtocol().connect(tlsClient, channel.transport);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			this.channels.remove(channel);
			HandshakeFailure failure = classify(ex, channel, tlsClient);
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			this.events.handshakeFailed(server, DtlsRole.CLIENT, failure, duration, ex);
			return new DtlsHandshakeException(failure, server, "Handshake with " + host + ":" + server.getPort()
					+ " failed (" + failure + "): " + describe(failure, totalTimeout, tlsClient, ex), ex);
		}
		EngineConnection connection;
		try {
			connection = new EngineConnection(dtls, channel.transport, tlsClient.session(),
					(InetSocketAddress) channel.channel.getLocalAddress(), this.config.handler, this.deliveryExecutor,
					this.config.inboundQueueCapacity, this.events, new ClientConnectionOwner(channel, this.channels,
							this.housekeeping, this.config.maxDatagramSize, this.config.inboundQueueCapacity,
							this.events));
		}
		catch (IOException ex) {
			channel.close();
			this.channels.remove(channel);
			return new DtlsException("Connection to " + server + " failed: " + ex, ex);
		}
		tlsClient.alertSink(connection);
		channel.connection = connection;
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		this.events.handshakeCompleted(connection, DtlsRole.CLIENT, duration);
		logger.debug("Connection {} to {} established in {} ms with {}", connection.id(), server, duration.toMillis(),
				connection.session().cipherSuite());
		connection.open();
		connection.receiveQueued();
		if (!future.complete(connection)) {
			connection.close();
		}
		return null;
	}

	private static String describe(HandshakeFailure failure, Duration timeout, EngineTlsClient tlsClient,
			Exception ex) {
		if (failure == HandshakeFailure.UNREACHABLE) {
			return "nothing listens on that port (ICMP port unreachable)";
		}
		if (failure == HandshakeFailure.TIMEOUT) {
			// DTLS drops records that fail authentication silently, so a wrong key looks like silence.
			return "no complete handshake within " + timeout + "; the server may be down or filtered, the"
					+ " pre-shared key may be wrong, or too many datagrams were lost";
		}
		String detail = tlsClient.describeFailure();
		return detail.isEmpty() ? String.valueOf(ex.getMessage()) : detail;
	}

	private HandshakeFailure classify(Exception ex, ClientChannel channel, EngineTlsClient tlsClient) {
		if (channel.unreachableCount >= 2) {
			return HandshakeFailure.UNREACHABLE;
		}
		if (ex instanceof TlsTimeoutException) {
			return HandshakeFailure.TIMEOUT;
		}
		if (channel.transport.isCancelled() && this.closed) {
			return HandshakeFailure.CANCELLED;
		}
		return tlsClient.failure();
	}

	private ClientChannel open(InetSocketAddress server) throws IOException {
		StandardProtocolFamily family = (server.getAddress() instanceof java.net.Inet6Address)
				? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
		DatagramChannel datagramChannel = DatagramChannel.open(family);
		try {
			datagramChannel.connect(server);
			datagramChannel.configureBlocking(false);
		}
		catch (IOException ex) {
			datagramChannel.close();
			throw ex;
		}
		ClientChannel channel = new ClientChannel(datagramChannel, server, this.config.maxDatagramSize, this.events);
		this.channels.add(channel);
		this.receiveLoop.register(channel);
		return channel;
	}

	private void closeIdleConnections() {
		long deadline = System.currentTimeMillis() - this.config.idleTimeout.toMillis();
		for (ClientChannel channel : this.channels) {
			EngineConnection connection = channel.connection;
			if (connection != null && connection.lastActivityMillis() < deadline) {
				connection.close(CloseReason.IDLE_TIMEOUT);
			}
		}
	}

	/**
	 * Returns a snapshot of the established connections.
	 */
	public List<DtlsConnection> connections() {
		return this.channels.stream()
			.map((channel) -> (DtlsConnection) channel.connection)
			.filter((connection) -> connection != null && connection.isOpen())
			.toList();
	}

	public DtlsStatistics statistics() {
		return this.events.statistics();
	}

	/**
	 * Closes every connection with close_notify, cancels handshakes in progress and stops the
	 * client's threads.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		for (ClientChannel channel : List.copyOf(this.channels)) {
			EngineConnection connection = channel.connection;
			if (connection != null) {
				connection.close(CloseReason.ENDPOINT_STOPPED);
			}
			PlainChannel plain = channel.plain;
			if (plain != null) {
				plain.close();
			}
			channel.close();
		}
		this.receiveLoop.stop();
		this.handshakeExecutor.shutdownNow();
		this.housekeeping.shutdownNow();
		if (this.ownedDeliveryExecutor != null) {
			this.ownedDeliveryExecutor.shutdown();
		}
	}

}
