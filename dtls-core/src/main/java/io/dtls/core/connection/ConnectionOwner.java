package io.dtls.core.connection;

import org.jspecify.annotations.Nullable;

/**
 * The endpoint that routes datagrams to a connection. The connection calls it when it closes,
 * so that the endpoint stops routing to it, and when it is unwrapped, to open a plain route.
 */
public interface ConnectionOwner {

	/**
	 * Stops routing to a released connection. After a close_notify from the peer, the owner
	 * keeps the peer's later datagrams for a short time in an unclaimed plain route.
	 */
	void connectionClosed(EngineConnection connection);

	/**
	 * Reports the peer's close_notify, read on the receive path just before Bouncy Castle sends
	 * its own close_notify in reply. An owner that gave the peer a socket of its own closes it
	 * now: the peer sends its next datagram only after the reply, so that datagram cannot reach
	 * a socket that is about to close.
	 */
	void closeNotifyReceived(EngineConnection connection);

	/**
	 * Opens a plain route for the connection's peer, already claimed, before the connection
	 * sends close_notify. Datagrams go to it once the connection is released.
	 */
	PlainChannel openPlainRoute(EngineConnection connection);

	/**
	 * Claims the plain route kept after the peer's close_notify.
	 * @return the route, or {@code null} if it expired or was claimed before
	 */
	@Nullable PlainChannel claimPlainRoute(EngineConnection connection);

}
