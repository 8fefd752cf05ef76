package io.dtls.spring.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.DtlsTimeoutException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * The client connections of a {@link DtlsTemplate}: one cached connection per destination,
 * opened on first use and opened again after it closes.
 * <p>
 * A message from a remote server completes the reply a {@code sendAndReceive} waits for on that
 * connection; any other message goes to the handler given at construction, such as the inbound
 * channel adapter that feeds {@code @DtlsListener} methods, or is dropped and logged at DEBUG
 * without one.
 *
 * @since 0.1.0
 */
public class DtlsClientConnections implements DtlsConnectionHandler, DisposableBean {

	private static final Log logger = LogFactory.getLog(DtlsClientConnections.class);

	private final DtlsClient client;

	private final @Nullable DtlsConnectionHandler unsolicitedHandler;

	private final Map<DtlsDestination, CompletableFuture<DtlsConnection>> connections = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<byte[]>> pendingReplies = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<?>> requestChains = new ConcurrentHashMap<>();

	/**
	 * Builds the client from {@code builder}, with this object as its handler.
	 * @param unsolicitedHandler receives messages that are not replies, or {@code null} to
	 * drop them
	 */
	public DtlsClientConnections(DtlsClientBuilder builder, @Nullable DtlsConnectionHandler unsolicitedHandler) {
		this.client = builder.handler(this).build();
		this.unsolicitedHandler = unsolicitedHandler;
	}

	public DtlsClient client() {
		return this.client;
	}

	/**
	 * Returns the open connection to the destination, connecting when there is none.
	 */
	public CompletableFuture<DtlsConnection> connection(DtlsDestination destination) {
		return this.connections.compute(destination, (key, existing) -> {
			if (existing != null && isUsable(existing)) {
				return existing;
			}
			return this.client.connectAsync(key.host(), key.port());
		});
	}

	private static boolean isUsable(CompletableFuture<DtlsConnection> future) {
		if (!future.isDone()) {
			return true;
		}
		return !future.isCompletedExceptionally() && future.join().isOpen();
	}

	/**
	 * Sends a request and completes with the next message the server sends on that connection.
	 * Requests to one destination are sent one after the other, each after the previous reply
	 * or timeout, so that replies cannot be mixed up.
	 */
	public CompletableFuture<byte[]> request(DtlsDestination destination, byte[] payload, Duration timeout) {
		return connection(destination).thenCompose((connection) -> chain(connection, payload, timeout));
	}

	private CompletableFuture<byte[]> chain(DtlsConnection connection, byte[] payload, Duration timeout) {
		synchronized (this.requestChains) {
			CompletableFuture<?> previous = this.requestChains.getOrDefault(connection.id(),
					CompletableFuture.completedFuture(null));
			CompletableFuture<byte[]> reply = previous.handle((result, failure) -> null)
				.thenCompose((ignored) -> sendRequest(connection, payload, timeout));
			this.requestChains.put(connection.id(), reply);
			return reply;
		}
	}

	private CompletableFuture<byte[]> sendRequest(DtlsConnection connection, byte[] payload, Duration timeout) {
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		this.pendingReplies.put(connection.id(), reply);
		try {
			connection.send(payload);
		}
		catch (RuntimeException ex) {
			this.pendingReplies.remove(connection.id(), reply);
			reply.completeExceptionally(ex);
			return reply;
		}
		return reply.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
			.whenComplete((result, failure) -> this.pendingReplies.remove(connection.id(), reply))
			.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(
					(failure instanceof java.util.concurrent.TimeoutException)
							? new DtlsTimeoutException("No reply from " + connection.peerAddress()
									+ " on connection " + connection.id() + " within " + timeout)
							: failure));
	}

	@Override
	public void onMessage(DtlsConnection connection, byte[] payload) {
		CompletableFuture<byte[]> reply = this.pendingReplies.remove(connection.id());
		if (reply != null && reply.complete(payload)) {
			return;
		}
		if (this.unsolicitedHandler != null) {
			this.unsolicitedHandler.onMessage(connection, payload);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Dropped a message of " + payload.length + " bytes from " + connection.peerAddress()
					+ " on connection " + connection.id() + ": no request is waiting for it");
		}
	}

	@Override
	public void onClosed(DtlsConnection connection, CloseReason reason) {
		CompletableFuture<byte[]> reply = this.pendingReplies.remove(connection.id());
		if (reply != null) {
			reply.completeExceptionally(new io.dtls.core.DtlsConnectionClosedException(
					"Connection " + connection.id() + " to " + connection.peerAddress() + " closed (" + reason
							+ ") before a reply arrived",
					reason));
		}
		this.requestChains.remove(connection.id());
		if (this.unsolicitedHandler != null) {
			this.unsolicitedHandler.onClosed(connection, reason);
		}
	}

	@Override
	public void onOpened(DtlsConnection connection) {
		if (this.unsolicitedHandler != null) {
			this.unsolicitedHandler.onOpened(connection);
		}
	}

	/**
	 * Closes every connection with close_notify and stops the client.
	 */
	@Override
	public void destroy() {
		this.client.close();
	}

}
