package io.dtls.core.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.jspecify.annotations.Nullable;

/**
 * Sends a datagram through a non-blocking channel. Such a channel accepts nothing while its
 * socket send buffer is full, so the send is retried briefly rather than the datagram lost.
 *
 * @since 0.1.0
 */
public final class NonBlockingSend {

	/** Attempts to hand a datagram to a full socket send buffer before giving up. */
	private static final int ATTEMPTS = 1000;

	private NonBlockingSend() {
	}

	/**
	 * Sends one datagram, to {@code target} or, when it is {@code null}, to the address the
	 * channel is connected to.
	 * @throws IOException if the send buffer stayed full or the channel failed
	 */
	public static void send(DatagramChannel channel, @Nullable InetSocketAddress target, ByteBuffer datagram)
			throws IOException {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int sent = (target != null) ? channel.send(datagram, target) : channel.write(datagram);
			if (sent > 0) {
				return;
			}
			Thread.yield();
		}
		throw new IOException("Socket send buffer stayed full; datagram of " + datagram.remaining() + " bytes to "
				+ ((target != null) ? target : channel.getRemoteAddress()) + " not sent");
	}

}
