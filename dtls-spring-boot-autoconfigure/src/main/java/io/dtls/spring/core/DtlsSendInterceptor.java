package io.dtls.spring.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Wraps each send of a {@link DtlsTemplate}, for metrics, tracing or logging. Interceptor beans
 * are applied to the auto-configured template in their
 * {@link org.springframework.core.annotation.Order order}, the first one outermost.
 * <p>
 * An interceptor runs on the thread that calls the template. It must call {@code next} once and
 * return a future that completes as the future of {@code next} does. The send itself completes
 * later, when the datagram has left or, for {@link DtlsSend.Operation#SEND_AND_RECEIVE}, when
 * the reply has arrived.
 *
 * @since 0.1.0
 * @see DtlsTemplate#setSendInterceptors(java.util.List)
 */
public interface DtlsSendInterceptor {

	/**
	 * Intercepts one send.
	 * @param <T> the result type of the send
	 * @param send the destination, payload size and operation of the send
	 * @param next starts the rest of the chain and then the send itself
	 * @return the future of {@code next}, or one that completes with the same outcome
	 */
	<T> CompletableFuture<T> intercept(DtlsSend send, Supplier<CompletableFuture<T>> next);

}
