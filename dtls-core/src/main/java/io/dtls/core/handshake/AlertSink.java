package io.dtls.core.handshake;

/**
 * Receives the alerts that the record layer reads from the peer after the handshake, so that a
 * connection can tell a close_notify from a fatal alert.
 */
@FunctionalInterface
public interface AlertSink {

	void alertReceived(short alertLevel, short alertDescription);

}
