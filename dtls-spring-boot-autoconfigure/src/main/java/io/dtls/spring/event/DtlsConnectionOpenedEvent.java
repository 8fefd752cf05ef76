package io.dtls.spring.event;

import io.dtls.spring.DtlsPeer;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a DTLS handshake completes and the connection opens.
 *
 * @since 0.1.0
 */
public class DtlsConnectionOpenedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient DtlsPeer peer;

	public DtlsConnectionOpenedEvent(Object source, DtlsPeer peer) {
		super(source);
		this.peer = peer;
	}

	public DtlsPeer getPeer() {
		return this.peer;
	}

}
