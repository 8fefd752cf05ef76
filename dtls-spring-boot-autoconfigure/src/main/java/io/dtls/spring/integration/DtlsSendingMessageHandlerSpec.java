package io.dtls.spring.integration;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.integration.dsl.MessageHandlerSpec;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.expression.ValueExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.messaging.Message;

/**
 * The DSL spec of a {@link DtlsSendingMessageHandler}.
 *
 * @since 0.1.0
 */
public class DtlsSendingMessageHandlerSpec
		extends MessageHandlerSpec<DtlsSendingMessageHandlerSpec, DtlsSendingMessageHandler> {

	protected DtlsSendingMessageHandlerSpec(DtlsSendingMessageHandler handler) {
		this.target = handler;
	}

	/**
	 * Sends every message to one destination: {@code host:port} of a remote server.
	 */
	public DtlsSendingMessageHandlerSpec destination(String destination) {
		this.target.setDestinationExpression(new ValueExpression<>(destination));
		return this;
	}

	/**
	 * Computes each message's destination with a SpEL expression.
	 */
	public DtlsSendingMessageHandlerSpec destinationExpression(String expression) {
		this.target.setDestinationExpression(new SpelExpressionParser().parseExpression(expression));
		return this;
	}

	/**
	 * Computes each message's destination with a function.
	 */
	public DtlsSendingMessageHandlerSpec destinationFunction(Function<Message<?>, ?> function) {
		this.target.setDestinationExpression(new FunctionExpression<>(function));
		return this;
	}

	public DtlsSendingMessageHandlerSpec sendTimeout(Duration sendTimeout) {
		this.target.setSendTimeout(sendTimeout);
		return this;
	}

}
