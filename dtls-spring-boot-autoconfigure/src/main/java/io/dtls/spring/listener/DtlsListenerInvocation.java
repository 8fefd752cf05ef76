package io.dtls.spring.listener;

import java.util.List;

import io.dtls.spring.DtlsPeer;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * One call of a {@link DtlsListener} method as {@link DtlsListenerInvocationInterceptor}s see
 * it: the endpoint, the message and the peer that sent it, and {@link #proceed()} to run the
 * rest of the interceptor chain and then the method.
 *
 * @since 0.1.0
 */
public final class DtlsListenerInvocation {

	private final DtlsListenerEndpoint endpoint;

	private final Message<?> message;

	private final DtlsPeer peer;

	private final List<DtlsListenerInvocationInterceptor> interceptors;

	private int nextInterceptor;

	DtlsListenerInvocation(DtlsListenerEndpoint endpoint, Message<?> message, DtlsPeer peer,
			List<DtlsListenerInvocationInterceptor> interceptors) {
		this.endpoint = endpoint;
		this.message = message;
		this.peer = peer;
		this.interceptors = interceptors;
	}

	/**
	 * Returns the endpoint whose method is called.
	 */
	public DtlsListenerEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the message passed to the method.
	 */
	public Message<?> getMessage() {
		return this.message;
	}

	/**
	 * Returns the peer that sent the message.
	 */
	public DtlsPeer getPeer() {
		return this.peer;
	}

	/**
	 * Calls the next interceptor or, after the last one, the listener method.
	 * @return the method's return value, {@code null} for a {@code void} method
	 * @throws Exception the exception of the listener method or of an interceptor
	 */
	public @Nullable Object proceed() throws Exception {
		if (this.nextInterceptor == this.interceptors.size()) {
			return this.endpoint.invoke(this.message);
		}
		DtlsListenerInvocationInterceptor interceptor = this.interceptors.get(this.nextInterceptor);
		this.nextInterceptor++;
		return interceptor.intercept(this);
	}

}
