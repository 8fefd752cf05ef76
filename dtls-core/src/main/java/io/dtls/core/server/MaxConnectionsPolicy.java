package io.dtls.core.server;

/**
 * What a server does when a new peer arrives while it holds its maximum number of connections.
 *
 * @since 0.1.0
 */
public enum MaxConnectionsPolicy {

	/** Drop the new peer's ClientHello; established connections are untouched. */
	REJECT_NEW,

	/**
	 * Accept the new peer and, once its handshake completes, close the connection that has been
	 * idle the longest. An incomplete handshake never evicts an established connection.
	 */
	EVICT_LEAST_RECENTLY_ACTIVE

}
