package io.dtls.spring.event;

import io.dtls.core.CloseReason;
import io.dtls.spring.DtlsPeer;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a DTLS connection closes, with the reason.
 *
 * @since 0.1.0
 */
public class DtlsConnectionClosedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient DtlsPeer peer;

	private final transient CloseReason reason;

	public DtlsConnectionClosedEvent(Object source, DtlsPeer peer, CloseReason reason) {
		super(source);
		this.peer = peer;
		this.reason = reason;
	}

	public DtlsPeer getPeer() {
		return this.peer;
	}

	public CloseReason getReason() {
		return this.reason;
	}

}
