package io.dtls.spring.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsException;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.DtlsPeer;
import io.dtls.spring.core.DtlsSend.DestinationType;
import io.dtls.spring.core.DtlsSend.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Sends DTLS messages: to peers connected to the server, and as a client to any remote
 * {@code host:port}, connecting on demand.
 * <p>
 * Every send returns a {@link CompletableFuture} that completes when the datagram has been
 * handed to the socket, or exceptionally with a {@link DtlsException} subtype that names what
 * failed: {@link DtlsNoConnectionException}, {@link io.dtls.core.DtlsConnectionClosedException},
 * {@link io.dtls.core.DtlsPayloadTooLargeException}, {@link io.dtls.core.DtlsHandshakeException}
 * or {@link io.dtls.core.DtlsTimeoutException}. DTLS gives no delivery guarantee: a completed
 * send means the datagram left, not that it arrived.
 * <p>
 * {@code convertAndSend} turns objects into bytes: {@code byte[]} and {@link ByteBuffer} as
 * they are, {@code String} as UTF-8, anything else through the message converter (JSON when
 * Jackson is on the class path).
 *
 * @since 0.1.0
 */
public class DtlsTemplate {

	private final @Nullable DtlsServer server;

	private final Supplier<@Nullable DtlsClientConnections> clientConnections;

	private final MessageConverter messageConverter;

	private final Duration defaultReplyTimeout;

	private List<DtlsSendInterceptor> sendInterceptors = List.of();

	/**
	 * @param server the server whose peers {@link #send(InetSocketAddress, byte[])} reaches, or
	 * {@code null}
	 * @param clientConnections the client connections for {@code host:port} destinations, or
	 * {@code null}
	 * @param defaultReplyTimeout the timeout of {@link #sendAndReceive(String, byte[])}
	 */
	public DtlsTemplate(@Nullable DtlsServer server, @Nullable DtlsClientConnections clientConnections,
			MessageConverter messageConverter, Duration defaultReplyTimeout) {
		this(server, () -> clientConnections, messageConverter, defaultReplyTimeout);
	}

	/**
	 * Creates a template that looks the client connections up on first use, so that an
	 * application that never connects to a remote server starts no client threads.
	 */
	public DtlsTemplate(@Nullable DtlsServer server, Supplier<@Nullable DtlsClientConnections> clientConnections,
			MessageConverter messageConverter, Duration defaultReplyTimeout) {
		this.server = server;
		this.clientConnections = clientConnections;
		this.messageConverter = messageConverter;
		this.defaultReplyTimeout = defaultReplyTimeout;
	}

	/**
	 * Sets the interceptors that wrap each send, the first one outermost. The default is an
	 * empty list.
	 */
	public void setSendInterceptors(List<DtlsSendInterceptor> sendInterceptors) {
		this.sendInterceptors = List.copyOf(sendInterceptors);
	}

	/**
	 * Sends to a peer, such as the one a {@code @DtlsListener} method received a message from.
	 */
	public CompletableFuture<Void> send(DtlsPeer peer, byte[] payload) {
		return intercept(DestinationType.PEER, peer.address(), payload, Operation.SEND, () -> peer.send(payload));
	}

	/**
	 * Sends to the peer connected to the server from {@code peerAddress}.
	 */
	public CompletableFuture<Void> send(InetSocketAddress peerAddress, byte[] payload) {
		return intercept(DestinationType.ADDRESS, peerAddress, payload, Operation.SEND,
				() -> sendToConnectedPeer(peerAddress, payload));
	}

	private CompletableFuture<Void> sendToConnectedPeer(InetSocketAddress peerAddress, byte[] payload) {
		DtlsServer server = this.server;
		if (server == null) {
			return CompletableFuture.failedFuture(new DtlsException(
					"No DTLS server is running, so there are no connected peers; enable dtls.server.enabled"));
		}
		return server.connection(peerAddress)
			.map((connection) -> send(connection, payload))
			.orElseGet(() -> CompletableFuture.failedFuture(new DtlsNoConnectionException(peerAddress)));
	}

	/**
	 * Sends to a remote server, given as {@code host:port}, over a cached client connection,
	 * connecting first when there is none.
	 */
	public CompletableFuture<Void> send(String destination, byte[] payload) {
		return intercept(DestinationType.REMOTE, destination, payload, Operation.SEND,
				() -> sendToRemote(destination, payload));
	}

	private CompletableFuture<Void> sendToRemote(String destination, byte[] payload) {
		try {
			return clientConnections(destination).connection(DtlsDestination.parse(destination))
				.thenCompose((connection) -> send(connection, payload));
		}
		catch (DtlsException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Converts the payload and sends it to the peer.
	 */
	public CompletableFuture<Void> convertAndSend(DtlsPeer peer, Object payload) {
		return convert(payload).thenCompose((bytes) -> send(peer, bytes));
	}

	/**
	 * Converts the payload and sends it to the connected peer at {@code peerAddress}.
	 */
	public CompletableFuture<Void> convertAndSend(InetSocketAddress peerAddress, Object payload) {
		return convert(payload).thenCompose((bytes) -> send(peerAddress, bytes));
	}

	/**
	 * Converts the payload and sends it to a remote server, given as {@code host:port}.
	 */
	public CompletableFuture<Void> convertAndSend(String destination, Object payload) {
		return convert(payload).thenCompose((bytes) -> send(destination, bytes));
	}

	/**
	 * Sends a request to a remote server and completes with the next message it sends back,
	 * within the default reply timeout.
	 */
	public CompletableFuture<byte[]> sendAndReceive(String destination, byte[] payload) {
		return sendAndReceive(destination, payload, this.defaultReplyTimeout);
	}

	/**
	 * Sends a request to a remote server, given as {@code host:port}, and completes with the
	 * next message it sends back on that connection. Requests to one destination run one after
	 * the other, so that each gets its own reply.
	 */
	public CompletableFuture<byte[]> sendAndReceive(String destination, byte[] payload, Duration timeout) {
		return intercept(DestinationType.REMOTE, destination, payload, Operation.SEND_AND_RECEIVE,
				() -> request(destination, payload, timeout));
	}

	private CompletableFuture<byte[]> request(String destination, byte[] payload, Duration timeout) {
		try {
			return clientConnections(destination).request(DtlsDestination.parse(destination), payload, timeout);
		}
		catch (DtlsException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Converts the request, sends it, and converts the reply to {@code replyType}.
	 */
	public <T> CompletableFuture<T> convertSendAndReceive(String destination, Object request, Class<T> replyType,
			Duration timeout) {
		return convert(request).thenCompose((bytes) -> sendAndReceive(destination, bytes, timeout))
			.thenApply((reply) -> fromBytes(reply, replyType));
	}

	private <T> CompletableFuture<T> intercept(DestinationType destinationType, Object destination, byte[] payload,
			Operation operation, Supplier<CompletableFuture<T>> send) {
		if (this.sendInterceptors.isEmpty()) {
			return send.get();
		}
		String destinationText = (destination instanceof InetSocketAddress address)
				? DtlsDestination.of(address).toString() : destination.toString();
		return proceed(0, new DtlsSend(destinationType, destinationText, payload.length, operation), send);
	}

	private <T> CompletableFuture<T> proceed(int index, DtlsSend details, Supplier<CompletableFuture<T>> send) {
		if (index == this.sendInterceptors.size()) {
			return send.get();
		}
		return this.sendInterceptors.get(index).intercept(details, () -> proceed(index + 1, details, send));
	}

	private CompletableFuture<Void> send(DtlsConnection connection, byte[] payload) {
		try {
			connection.send(payload);
			return CompletableFuture.completedFuture(null);
		}
		catch (DtlsException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private DtlsClientConnections clientConnections(String destination) {
		DtlsClientConnections connections = this.clientConnections.get();
		if (connections == null) {
			throw new DtlsException("DtlsTemplate has no client to connect to " + destination
					+ "; define a DtlsClientConnections bean or use the auto-configuration");
		}
		return connections;
	}

	private CompletableFuture<byte[]> convert(Object payload) {
		try {
			return CompletableFuture.completedFuture(toBytes(payload));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Converts a payload to the bytes of one message.
	 * @throws DtlsException if the converter cannot write the payload's type
	 */
	public byte[] toBytes(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (payload instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		Message<?> message = this.messageConverter.toMessage(payload, new MessageHeaders(null));
		if (message == null || !(message.getPayload() instanceof byte[] bytes)) {
			throw new DtlsException("Cannot convert " + payload.getClass().getName()
					+ " to bytes; send byte[] or String, or add Jackson to the class path for JSON");
		}
		return bytes;
	}

	@SuppressWarnings("unchecked")
	private <T> T fromBytes(byte[] reply, Class<T> type) {
		if (type == byte[].class) {
			return (T) reply;
		}
		if (type == String.class) {
			return (T) new String(reply, StandardCharsets.UTF_8);
		}
		Message<byte[]> message = org.springframework.messaging.support.MessageBuilder.withPayload(reply).build();
		Object converted = this.messageConverter.fromMessage(message, type);
		if (converted == null) {
			throw new DtlsException("Cannot convert a reply of " + reply.length + " bytes to " + type.getName());
		}
		return (T) converted;
	}

}
