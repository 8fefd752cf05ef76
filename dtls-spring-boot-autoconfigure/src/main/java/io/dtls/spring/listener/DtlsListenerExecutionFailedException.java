package io.dtls.spring.listener;

import io.dtls.core.DtlsException;
import io.dtls.spring.DtlsPeer;

/**
 * Raised to a {@link DtlsListenerErrorHandler} when a {@link DtlsListener} method fails on a
 * message. The cause is the original failure. The message names the listener, the peer address
 * and the connection id, and never contains payload content.
 *
 * @since 0.1.0
 */
public class DtlsListenerExecutionFailedException extends DtlsException {

	private static final long serialVersionUID = 1L;

	private final String listenerId;

	// NOTE: DtlsPeer wraps a live connection and is not serializable, so a deserialized copy of
	// this exception returns null from getPeer().
	private final transient DtlsPeer peer;

	/**
	 * Creates an exception for a failure of the listener {@code listenerId} on a message from
	 * {@code peer}.
	 */
	public DtlsListenerExecutionFailedException(String message, String listenerId, DtlsPeer peer, Throwable cause) {
		super(message, cause);
		this.listenerId = listenerId;
		this.peer = peer;
	}

	/**
	 * Returns the id of the listener endpoint that failed.
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Returns the peer whose message the listener failed on, for a reply or to close its
	 * connection.
	 */
	public DtlsPeer getPeer() {
		return this.peer;
	}

}
