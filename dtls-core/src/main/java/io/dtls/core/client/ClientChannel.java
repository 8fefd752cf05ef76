package io.dtls.core.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.dtls.core.connection.EngineConnection;
import io.dtls.core.connection.PlainChannel;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.transport.DatagramSender;
import io.dtls.core.transport.NonBlockingSend;
import io.dtls.core.transport.PeerTransport;
import org.jspecify.annotations.Nullable;

/**
 * The socket and state of one client connection: a UDP channel connected to the server, so
 * that the kernel delivers only that server's datagrams to it, the transport of its handshake
 * and, once established, its connection.
 */
final class ClientChannel implements DatagramSender {

	final DatagramChannel channel;

	final PeerTransport transport;

	private final EventPublisher events;

	volatile @Nullable EngineConnection connection;

	/** Set once the connection was released; from then on datagrams go to {@link #plain}, if set. */
	volatile boolean released;

	/** The plain route after a close_notify exchange, for {@code unwrap}. */
	volatile @Nullable PlainChannel plain;

	/** How many ICMP port unreachable messages arrived for this channel during its handshake. */
	volatile int unreachableCount;

	ClientChannel(DatagramChannel channel, InetSocketAddress server, int maxDatagramSize, EventPublisher events) {
		this.channel = channel;
		this.events = events;
		this.transport = new PeerTransport(server, this, maxDatagramSize, 64);
	}

	@Override
	public void send(InetSocketAddress peer, byte[] buffer, int offset, int length) throws IOException {
		NonBlockingSend.send(this.channel, null, ByteBuffer.wrap(buffer, offset, length));
		this.events.datagramSent(length);
	}

	void close() {
		this.transport.cancel();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing a datagram channel releases the descriptor even when it reports a failure.
		}
	}

}
