package io.dtls.core.connection;

/**
 * The endpoint that routes datagrams to a connection, told when the connection closes so that
 * it stops routing to it.
 */
@FunctionalInterface
public interface ConnectionOwner {

	void connectionClosed(EngineConnection connection);

}
