package io.dtls.core;

/**
 * Receives the events of connections: opened, each message, closed.
 * <p>
 * For one connection the engine calls these methods one at a time, in order: {@code onOpened},
 * then {@code onMessage} for each message in arrival order, then {@code onClosed}. Different
 * connections are handled concurrently on the endpoint's executor. An exception thrown by a
 * method is logged with the peer and connection id, and the connection stays open.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DtlsConnectionHandler {

	/**
	 * Handles one message. The array belongs to the handler.
	 */
	void onMessage(DtlsConnection connection, byte[] payload);

	/**
	 * Called once the handshake has completed, before the first message.
	 */
	default void onOpened(DtlsConnection connection) {
	}

	/**
	 * Called once after the connection closed and every message before that was handled.
	 */
	default void onClosed(DtlsConnection connection, CloseReason reason) {
	}

}
