package io.dtls.core.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sends one datagram to a peer. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DatagramSender {

	void send(InetSocketAddress peer, byte[] buffer, int offset, int length) throws IOException;

}
