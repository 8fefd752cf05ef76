package io.dtls.spring.listener;

import org.jspecify.annotations.Nullable;

/**
 * Wraps each call of a {@link DtlsListener} method, for metrics, tracing or logging. Interceptor
 * beans are applied to the auto-configured {@link DtlsListenerDispatcher} in their
 * {@link org.springframework.core.annotation.Order order}, the first one outermost.
 * <p>
 * An interceptor runs on the listener thread of the message. It must call
 * {@link DtlsListenerInvocation#proceed()} once and return its result, or throw.
 *
 * @since 0.1.0
 * @see DtlsListenerDispatcher#setInvocationInterceptors(java.util.List)
 */
@FunctionalInterface
public interface DtlsListenerInvocationInterceptor {

	/**
	 * Intercepts one call of a listener method.
	 * @param invocation the endpoint, the message and its sender, and the rest of the chain
	 * @return the listener method's return value, which may be a
	 * {@link java.util.concurrent.CompletionStage}; {@code null} for a {@code void} method
	 * @throws Exception the exception of the listener method, passed on to its error handler
	 */
	@Nullable Object intercept(DtlsListenerInvocation invocation) throws Exception;

}
