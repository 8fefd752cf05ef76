package io.dtls.spring.observation;

import io.dtls.spring.DtlsPeer;
import io.dtls.spring.core.DtlsDestination;
import io.dtls.spring.listener.DtlsListenerInvocation;
import io.micrometer.observation.transport.ReceiverContext;

import org.springframework.messaging.Message;

/**
 * The context of a {@code @DtlsListener} method call observation: the listener id, the message
 * and the peer that sent it.
 * <p>
 * As a {@link ReceiverContext}, it lets a tracing handler look for trace context in the
 * message's {@code String} headers. DTLS datagrams carry no headers, so there is something to
 * find only when an interceptor on the inbound channel added it.
 *
 * @since 0.1.0
 */
public class DtlsListenerObservationContext extends ReceiverContext<Message<?>> {

	private final String listenerId;

	private final DtlsPeer peer;

	public DtlsListenerObservationContext(DtlsListenerInvocation invocation) {
		super((message, key) -> (message.getHeaders().get(key) instanceof String value) ? value : null);
		this.listenerId = invocation.getEndpoint().getId();
		this.peer = invocation.getPeer();
		setCarrier(invocation.getMessage());
		setRemoteServiceAddress(DtlsDestination.of(this.peer.address()).toString());
	}

	/**
	 * Returns the id of the listener endpoint.
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Returns the peer that sent the message.
	 */
	public DtlsPeer getPeer() {
		return this.peer;
	}

	/**
	 * Returns the message passed to the listener method.
	 */
	public Message<?> getMessage() {
		return getCarrier();
	}

}
