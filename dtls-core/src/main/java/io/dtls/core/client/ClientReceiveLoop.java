package io.dtls.core.client;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.dtls.core.connection.EngineConnection;
import io.dtls.core.connection.PlainChannel;
import io.dtls.core.event.DropReason;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.internal.RateLimitedLogger;
import io.dtls.core.record.DtlsRecords;
import io.dtls.core.record.HandshakeMessageGuard;
import org.slf4j.LoggerFactory;

/**
 * The receive thread of a client: one selector over the connected channels of every client
 * connection. A datagram goes to the handshake's transport while the handshake runs, and is
 * decrypted on this thread once the connection is established.
 */
final class ClientReceiveLoop implements Runnable {

	private static final RateLimitedLogger failureLogger = new RateLimitedLogger(
			LoggerFactory.getLogger(ClientReceiveLoop.class), 5, TimeUnit.SECONDS);

	private final Selector selector;

	private final int maxDatagramSize;

	private final HandshakeMessageGuard guard;

	private final EventPublisher events;

	private final ConcurrentLinkedQueue<ClientChannel> registrations = new ConcurrentLinkedQueue<>();

	private volatile boolean running = true;

	ClientReceiveLoop(int maxDatagramSize, HandshakeMessageGuard guard, EventPublisher events) throws IOException {
		this.selector = Selector.open();
		this.maxDatagramSize = maxDatagramSize;
		this.guard = guard;
		this.events = events;
	}

	/**
	 * Registers a channel with the selector on the receive thread.
	 */
	void register(ClientChannel channel) {
		this.registrations.add(channel);
		this.selector.wakeup();
	}

	void stop() {
		this.running = false;
		this.selector.wakeup();
	}

	@Override
	public void run() {
		ByteBuffer buffer = ByteBuffer.allocate(this.maxDatagramSize + 1);
		byte[] scratch = new byte[this.maxDatagramSize];
		try {
			while (this.running) {
				registerPending();
				this.selector.select(500);
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					receive(key, buffer, scratch);
				}
			}
		}
		catch (IOException | ClosedSelectorException ex) {
			failureLogger.warn("Client receive loop ended", ex);
		}
		finally {
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				// Nothing the selector kept is worth reporting once the loop has ended.
			}
		}
	}

	/**
	 * Reads a ready channel. A connection may close its channel on another thread at any
	 * moment, which cancels the key; that and any other failure stays with this one channel.
	 */
	private void receive(SelectionKey key, ByteBuffer buffer, byte[] scratch) {
		ClientChannel channel = (ClientChannel) key.attachment();
		try {
			if (key.isValid() && key.isReadable()) {
				readAll(channel, buffer, scratch);
			}
		}
		catch (CancelledKeyException ex) {
			// The connection closed its channel while the selector reported it ready.
		}
		catch (RuntimeException ex) {
			failureLogger.warn("Receiving from {} failed; the receive loop goes on", channel.transport.peer(), ex);
		}
	}

	/**
	 * Ends a handshake after the second ICMP port unreachable: the first may come from a server
	 * that is still starting, a second one after a retransmission means nothing listens there.
	 * After the handshake the message is ignored, as datagram loss would be.
	 */
	private static void portUnreachable(ClientChannel channel) {
		if (channel.connection == null && ++channel.unreachableCount >= 2) {
			channel.transport.cancel();
		}
	}

	private void registerPending() {
		ClientChannel channel;
		while ((channel = this.registrations.poll()) != null) {
			try {
				channel.channel.register(this.selector, SelectionKey.OP_READ, channel);
			}
			catch (ClosedChannelException ex) {
				// The channel was closed before this thread got to it, as when the client closes or
				// a handshake is cancelled, so there is nothing to receive or report. Closing it
				// again also cancels its transport, in case an interrupt closed the channel.
				channel.close();
			}
			catch (IOException ex) {
				failureLogger.warn("Registering the channel to {} failed", channel.transport.peer(), ex);
				channel.close();
			}
		}
	}

	private void readAll(ClientChannel channel, ByteBuffer buffer, byte[] scratch) {
		while (true) {
			buffer.clear();
			int length;
			try {
				length = channel.channel.read(buffer);
			}
			catch (PortUnreachableException ex) {
				portUnreachable(channel);
				continue;
			}
			catch (IOException ex) {
				return;
			}
			if (length <= 0) {
				return;
			}
			this.events.datagramReceived(length);
			byte[] array = buffer.array();
			if (length > this.maxDatagramSize) {
				this.events.dropped(channel.transport.peer(), DropReason.DATAGRAM_TOO_LARGE, length);
				continue;
			}
			PlainChannel plain = channel.plain;
			if (plain != null && channel.released) {
				plain.offer(Arrays.copyOf(array, length));
				continue;
			}
			if (length < DtlsRecords.RECORD_HEADER_LENGTH) {
				this.events.dropped(channel.transport.peer(), DropReason.MALFORMED, length);
				continue;
			}
			if (!this.guard.admitsDatagram(array, length)) {
				this.events.dropped(channel.transport.peer(), DropReason.HANDSHAKE_MESSAGE_TOO_LARGE, length);
				continue;
			}
			EngineConnection connection = channel.connection;
			if (connection != null) {
				connection.onDatagram(array, length, scratch);
			}
			else if (!channel.transport.offerDuringHandshake(Arrays.copyOf(array, length))) {
				this.events.dropped(channel.transport.peer(), DropReason.HANDSHAKE_QUEUE_FULL, length);
			}
		}
	}

}
