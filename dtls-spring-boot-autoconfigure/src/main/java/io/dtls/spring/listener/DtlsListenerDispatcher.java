package io.dtls.spring.listener;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Routes each received DTLS message to one {@link DtlsListener} method, sends its reply to the
 * same peer and passes its failures to an error handler. Subscribe it to the channel of the DTLS
 * inbound adapter. {@link DtlsListener} documents the dispatch rule.
 * <p>
 * Listener failures never reach the caller: they go to the endpoint's error handler, or to the
 * default one, {@link LoggingDtlsListenerErrorHandler}. The connection stays open unless an
 * error handler closes it.
 *
 * @since 0.1.0
 */
public class DtlsListenerDispatcher implements MessageHandler {

	private static final LogAccessor logger = new LogAccessor(DtlsListenerDispatcher.class);

	private final DtlsListenerEndpointRegistry registry;

	private final MessageConverter messageConverter;

	private DtlsListenerErrorHandler defaultErrorHandler = new LoggingDtlsListenerErrorHandler();

	private List<DtlsListenerInvocationInterceptor> invocationInterceptors = List.of();

	/**
	 * Creates a dispatcher to the endpoints of {@code registry}.
	 * @param registry the endpoints to route to
	 * @param messageConverter the converter for replies other than {@code byte[]},
	 * {@code ByteBuffer} and {@code String}
	 */
	public DtlsListenerDispatcher(DtlsListenerEndpointRegistry registry, MessageConverter messageConverter) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.messageConverter = Objects.requireNonNull(messageConverter, "messageConverter");
	}

	/**
	 * Sets the error handler for endpoints that name none. The default is a
	 * {@link LoggingDtlsListenerErrorHandler}.
	 */
	public void setDefaultErrorHandler(DtlsListenerErrorHandler defaultErrorHandler) {
		this.defaultErrorHandler = Objects.requireNonNull(defaultErrorHandler, "defaultErrorHandler");
	}

	/**
	 * Sets the interceptors that wrap each listener method call, the first one outermost.
	 * The default is an empty list.
	 */
	public void setInvocationInterceptors(List<DtlsListenerInvocationInterceptor> invocationInterceptors) {
		this.invocationInterceptors = List.copyOf(invocationInterceptors);
	}

	/**
	 * Routes one message to the first running endpoint that matches it, or drops and counts it.
	 * @throws MessageHandlingException if the message has no {@link DtlsPeer} in the
	 * {@link DtlsHeaders#PEER} header
	 */
	@Override
	public void handleMessage(Message<?> message) {
		DtlsPeer peer = requirePeer(message);
		for (DtlsListenerEndpoint endpoint : this.registry.getListenerEndpoints()) {
			if (!endpoint.isRunning()) {
				continue;
			}
			boolean matches;
			try {
				matches = endpoint.matches(message, peer);
			}
			catch (RuntimeException ex) {
				handleFailure(endpoint, message, peer, ex, "Failed to evaluate the condition \""
						+ endpoint.getCondition() + "\" of DTLS listener " + endpoint.describe());
				return;
			}
			if (matches) {
				invoke(endpoint, message, peer);
				return;
			}
		}
		this.registry.recordUnmatchedMessage();
		logger.debug(() -> "Dropped a message from " + peer.address() + " (connection " + peer.connectionId()
				+ ") because no running DTLS listener matches it");
	}

	private static DtlsPeer requirePeer(Message<?> message) {
		if (message.getHeaders().get(DtlsHeaders.PEER) instanceof DtlsPeer peer) {
			return peer;
		}
		throw new MessageHandlingException(message, "Message has no DtlsPeer in header '" + DtlsHeaders.PEER
				+ "', so no DTLS listener can take it or reply to it. Send only messages of the DTLS inbound"
				+ " adapter to this channel, or set that header.");
	}

	private void invoke(DtlsListenerEndpoint endpoint, Message<?> message, DtlsPeer peer) {
		Object result;
		try {
			result = this.invocationInterceptors.isEmpty() ? endpoint.invoke(message)
					: new DtlsListenerInvocation(endpoint, message, peer, this.invocationInterceptors).proceed();
		}
		catch (Exception ex) {
			handleFailure(endpoint, message, peer, ex, "DTLS listener " + endpoint.describe() + " failed");
			return;
		}
		handleResult(endpoint, message, peer, result, false);
	}

	/**
	 * Sends a listener's or an error handler's return value, once it is complete if it is a
	 * {@link CompletionStage}.
	 */
	private void handleResult(DtlsListenerEndpoint endpoint, Message<?> message, DtlsPeer peer,
			@Nullable Object result, boolean fromErrorHandler) {
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				if (ex != null) {
					replyFailed(endpoint, message, peer, unwrap(ex), fromErrorHandler,
							"The CompletionStage returned by DTLS listener " + endpoint.describe()
									+ " completed exceptionally");
				}
				else if (value != null) {
					sendReply(endpoint, message, peer, value, fromErrorHandler);
				}
			});
		}
		else if (result != null) {
			sendReply(endpoint, message, peer, result, fromErrorHandler);
		}
	}

	private void sendReply(DtlsListenerEndpoint endpoint, Message<?> message, DtlsPeer peer, Object value,
			boolean fromErrorHandler) {
		String description = "Failed to send the reply of DTLS listener " + endpoint.describe();
		byte[] payload;
		try {
			payload = DtlsMessageConverters.toPayload(value, this.messageConverter);
		}
		catch (RuntimeException ex) {
			replyFailed(endpoint, message, peer, ex, fromErrorHandler, description);
			return;
		}
		peer.send(payload).whenComplete((ignored, ex) -> {
			if (ex != null) {
				replyFailed(endpoint, message, peer, unwrap(ex), fromErrorHandler, description);
			}
		});
	}

	private void replyFailed(DtlsListenerEndpoint endpoint, Message<?> message, DtlsPeer peer, Throwable cause,
			boolean fromErrorHandler, String description) {
		if (fromErrorHandler) {
			// Sending this failure back to the error handler could loop, so it is only logged.
			logger.error(cause, () -> "Failed to send the reply that the error handler of DTLS listener "
					+ endpoint.describe() + " returned, to " + peer.address() + " (connection " + peer.connectionId()
					+ ")");
		}
		else {
			handleFailure(endpoint, message, peer, cause, description);
		}
	}

	private void handleFailure(DtlsListenerEndpoint endpoint, Message<?> message, DtlsPeer peer, Throwable cause,
			String description) {
		DtlsListenerExecutionFailedException failure = new DtlsListenerExecutionFailedException(
				description + " for a message from " + peer.address() + " (connection " + peer.connectionId() + ")",
				endpoint.getId(), peer, cause);
		DtlsListenerErrorHandler errorHandler = (endpoint.getErrorHandler() != null) ? endpoint.getErrorHandler()
				: this.defaultErrorHandler;
		Object reply;
		try {
			reply = errorHandler.handleError(message, failure);
		}
		catch (Exception ex) {
			logger.error(ex, () -> "Error handler of DTLS listener " + endpoint.describe()
					+ " failed for a message from " + peer.address() + " (connection " + peer.connectionId()
					+ "); the connection stays open");
			return;
		}
		handleResult(endpoint, message, peer, reply, true);
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
