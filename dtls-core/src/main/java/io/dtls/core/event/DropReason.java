package io.dtls.core.event;

/**
 * Causes for which the engine discards a datagram or a received message. The set is small and
 * fixed so that it can serve as a metric tag.
 *
 * @since 0.1.0
 */
public enum DropReason {

	/** The datagram is not a well-formed DTLS record sequence. */
	MALFORMED,

	/** The datagram is longer than the maximum datagram size. */
	DATAGRAM_TOO_LARGE,

	/** A datagram from an unknown peer that is not an initial ClientHello. */
	UNEXPECTED_FROM_UNKNOWN_PEER,

	/** A handshake fragment declared a message longer than the configured maximum. */
	HANDSHAKE_MESSAGE_TOO_LARGE,

	/** The limit of concurrent handshakes was reached. */
	HANDSHAKE_LIMIT,

	/** The limit of concurrent handshakes from one source address was reached. */
	HANDSHAKES_PER_ADDRESS_LIMIT,

	/** The connection limit was reached and the policy rejects new peers. */
	CONNECTION_LIMIT,

	/** The queue of datagrams waiting for a handshake step was full. */
	HANDSHAKE_QUEUE_FULL,

	/** The connection's inbound message queue was full. */
	INBOUND_QUEUE_FULL,

	/** A record was rejected by the record layer: replayed, outside the window, or failed authentication. */
	RECORD_REJECTED,

	/** A datagram for a connection that is closing. */
	CONNECTION_CLOSED,

	/** The endpoint is stopping and no longer accepts datagrams. */
	ENDPOINT_STOPPING

}
