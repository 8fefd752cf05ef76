package io.dtls.spring.listener;

import java.lang.reflect.Method;

import io.dtls.spring.DtlsPeer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.Lifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.log.LogAccessor;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * One {@link DtlsListener} method with its id, condition, order and error handler, as registered
 * with the {@link DtlsListenerEndpointRegistry}. A stopped endpoint receives no messages, but an
 * invocation that is in progress when {@link #stop()} is called still completes.
 *
 * @since 0.1.0
 */
public final class DtlsListenerEndpoint implements Lifecycle, Ordered {

	/** Name of the SpEL variable for the sending {@link DtlsPeer} in a condition. */
	public static final String PEER_VARIABLE = "peer";

	private static final LogAccessor logger = new LogAccessor(DtlsListenerEndpoint.class);

	private final String id;

	private final String beanName;

	private final InvocableHandlerMethod handlerMethod;

	private final @Nullable Expression condition;

	private final @Nullable BeanResolver beanResolver;

	private final int order;

	private final boolean autoStartup;

	private final @Nullable DtlsListenerErrorHandler errorHandler;

	private volatile boolean running;

	DtlsListenerEndpoint(String id, String beanName, InvocableHandlerMethod handlerMethod,
			@Nullable Expression condition, @Nullable BeanResolver beanResolver, int order, boolean autoStartup,
			@Nullable DtlsListenerErrorHandler errorHandler) {
		this.id = id;
		this.beanName = beanName;
		this.handlerMethod = handlerMethod;
		this.condition = condition;
		this.beanResolver = beanResolver;
		this.order = order;
		this.autoStartup = autoStartup;
		this.errorHandler = errorHandler;
	}

	/**
	 * Returns the endpoint id, unique within the registry.
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Returns the name of the bean that declares the listener method.
	 */
	public String getBeanName() {
		return this.beanName;
	}

	/**
	 * Returns the listener method, as invoked on the bean, which may be an AOP proxy.
	 */
	public Method getMethod() {
		return this.handlerMethod.getMethod();
	}

	/**
	 * Returns the condition as SpEL text after placeholder resolution, or {@code null} when the
	 * endpoint takes every message.
	 */
	public @Nullable String getCondition() {
		return (this.condition != null) ? this.condition.getExpressionString() : null;
	}

	/**
	 * Returns the position in the dispatch order. Lower values are tried first.
	 */
	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Returns whether the registry starts this endpoint when the application context starts.
	 */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Returns the error handler named by the annotation, or {@code null} for the dispatcher's
	 * default.
	 */
	public @Nullable DtlsListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/**
	 * Starts routing messages to this endpoint.
	 */
	@Override
	public void start() {
		if (!this.running) {
			this.running = true;
			logger.debug(() -> "Started DTLS listener endpoint '" + this.id + "'");
		}
	}

	/**
	 * Stops routing messages to this endpoint.
	 */
	@Override
	public void stop() {
		if (this.running) {
			this.running = false;
			logger.debug(() -> "Stopped DTLS listener endpoint '" + this.id + "'");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Evaluates the condition for a message.
	 * @throws RuntimeException if the condition fails to evaluate: an
	 * {@link org.springframework.expression.EvaluationException}, or the exception of a method
	 * that the condition calls
	 */
	boolean matches(Message<?> message, DtlsPeer peer) {
		if (this.condition == null) {
			return true;
		}
		StandardEvaluationContext context = new StandardEvaluationContext(message);
		context.setVariable(PEER_VARIABLE, peer);
		if (this.beanResolver != null) {
			context.setBeanResolver(this.beanResolver);
		}
		return Boolean.TRUE.equals(this.condition.getValue(context, Boolean.class));
	}

	/**
	 * Resolves the arguments from the message and calls the listener method.
	 * @return the method's return value, {@code null} for a {@code void} method
	 */
	@Nullable Object invoke(Message<?> message) throws Exception {
		return this.handlerMethod.invoke(message);
	}

	/**
	 * Describes the endpoint for messages and logs: its id and its method.
	 */
	String describe() {
		return "'" + this.id + "' (" + ListenerMethods.describe(getMethod()) + " of bean '" + this.beanName + "')";
	}

	@Override
	public String toString() {
		return "DtlsListenerEndpoint[" + this.id + ", " + ListenerMethods.describe(getMethod()) + ", order "
				+ this.order + "]";
	}

}
