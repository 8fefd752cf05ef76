package io.dtls.spring.integration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dtls.core.DtlsException;
import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;
import io.dtls.spring.core.DtlsTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.integration.expression.ExpressionUtils;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

/**
 * Sends each message's payload over DTLS through a {@link DtlsTemplate}.
 * <p>
 * The destination comes from an expression evaluated against the message; by default it is
 * the {@link DtlsHeaders#DESTINATION} header, or else the {@link DtlsHeaders#PEER} header, so
 * that a flow that starts at a {@link DtlsInboundChannelAdapter} replies to the sender. A
 * destination may be a {@link DtlsPeer}, an {@link InetSocketAddress} of a peer connected to
 * the server, or a {@code host:port} string to connect to as a client. The payload is converted
 * as {@link DtlsTemplate#toBytes(Object)} describes.
 * <p>
 * The handler waits for the send to complete, up to the send timeout, so that a failure
 * reaches the flow's error channel.
 *
 * @since 0.1.0
 */
public class DtlsSendingMessageHandler extends AbstractMessageHandler {

	private final DtlsTemplate template;

	private Expression destinationExpression = new FunctionExpression<Message<?>>(
			(message) -> (message.getHeaders().get(DtlsHeaders.DESTINATION) != null)
					? message.getHeaders().get(DtlsHeaders.DESTINATION) : message.getHeaders().get(DtlsHeaders.PEER));

	private Duration sendTimeout = Duration.ofSeconds(30);

	private EvaluationContext evaluationContext = ExpressionUtils.createStandardEvaluationContext();

	public DtlsSendingMessageHandler(DtlsTemplate template) {
		this.template = template;
	}

	/**
	 * Sets the expression that yields each message's destination.
	 */
	public void setDestinationExpression(Expression destinationExpression) {
		this.destinationExpression = destinationExpression;
	}

	/**
	 * Sets how long to wait for a send, including a connection to a new destination.
	 */
	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	@Override
	protected void onInit() {
		super.onInit();
		BeanFactory beanFactory = getBeanFactory();
		if (beanFactory != null) {
			this.evaluationContext = ExpressionUtils.createStandardEvaluationContext(beanFactory);
		}
	}

	@Override
	public String getComponentType() {
		return "dtls:outbound-channel-adapter";
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		Object destination = this.destinationExpression.getValue(this.evaluationContext, message);
		CompletableFuture<Void> sent = send(destination, message);
		try {
			sent.get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MessageHandlingException(message, "Interrupted while sending to " + destination, ex);
		}
		catch (ExecutionException ex) {
			throw new MessageHandlingException(message, "Sending to " + destination + " failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new MessageHandlingException(message,
					"Sending to " + destination + " did not complete within " + this.sendTimeout, ex);
		}
	}

	private CompletableFuture<Void> send(@Nullable Object destination, Message<?> message) {
		Object payload = message.getPayload();
		if (destination instanceof DtlsPeer peer) {
			return this.template.convertAndSend(peer, payload);
		}
		if (destination instanceof InetSocketAddress address) {
			return this.template.convertAndSend(address, payload);
		}
		if (destination instanceof String text) {
			return this.template.convertAndSend(text, payload);
		}
		return CompletableFuture.failedFuture(new DtlsException("Message has no usable DTLS destination ("
				+ destination + "); set the '" + DtlsHeaders.DESTINATION + "' header to a DtlsPeer, an"
				+ " InetSocketAddress or 'host:port', or configure a destination expression"));
	}

}
