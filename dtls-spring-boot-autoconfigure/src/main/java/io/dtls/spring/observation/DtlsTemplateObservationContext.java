package io.dtls.spring.observation;

import io.dtls.spring.core.DtlsSend;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of a {@code DtlsTemplate} send observation: the destination, the payload size
 * and the operation.
 * <p>
 * As a {@link SenderContext}, it marks the observation as the producing side for tracing
 * handlers. No trace context reaches the peer, because a DTLS datagram has no headers to
 * carry it, so the propagation setter does nothing.
 *
 * @since 0.1.0
 */
public class DtlsTemplateObservationContext extends SenderContext<DtlsSend> {

	private final DtlsSend send;

	public DtlsTemplateObservationContext(DtlsSend send) {
		super((carrier, key, value) -> {
		});
		this.send = send;
		setCarrier(send);
		setRemoteServiceAddress(send.destination());
	}

	/**
	 * Returns the send: destination, payload size and operation.
	 */
	public DtlsSend getSend() {
		return this.send;
	}

}
