package io.dtls.core.client;

import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dtls.core.CloseReason;
import io.dtls.core.connection.ConnectionOwner;
import io.dtls.core.connection.EngineConnection;
import io.dtls.core.connection.PlainChannel;
import io.dtls.core.internal.EventPublisher;
import org.jspecify.annotations.Nullable;

/**
 * Owns the socket of one client connection: closes it with the connection, or keeps it for a
 * plain route after a close_notify exchange, until that route closes or expires.
 */
final class ClientConnectionOwner implements ConnectionOwner {

	private final ClientChannel channel;

	private final Set<ClientChannel> channels;

	private final ScheduledExecutorService timer;

	private final int maxDatagramSize;

	private final int capacity;

	private final EventPublisher events;

	ClientConnectionOwner(ClientChannel channel, Set<ClientChannel> channels, ScheduledExecutorService timer,
			int maxDatagramSize, int capacity, EventPublisher events) {
		this.channel = channel;
		this.channels = channels;
		this.timer = timer;
		this.maxDatagramSize = maxDatagramSize;
		this.capacity = capacity;
		this.events = events;
	}

	@Override
	public synchronized void connectionClosed(EngineConnection connection) {
		this.channel.released = true;
		if (this.channel.plain != null) {
			return;
		}
		CloseReason reason = connection.closeReason();
		if (reason == null || reason.kind() != CloseReason.Kind.PEER_CLOSE_NOTIFY) {
			closeSocket();
			return;
		}
		PlainChannel route = create(connection);
		this.channel.plain = route;
		try {
			this.timer.schedule(route::expire, EngineConnection.UNWRAP_WINDOW.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The client is closing: nothing will claim the route.
			route.expire();
		}
	}

	@Override
	public void closeNotifyReceived(EngineConnection connection) {
		// The connection's socket stays: it receives the peer's plain datagrams after the exchange.
	}

	@Override
	public synchronized PlainChannel openPlainRoute(EngineConnection connection) {
		PlainChannel lingering = this.channel.plain;
		if (lingering != null && lingering.claim()) {
			return lingering;
		}
		PlainChannel route = create(connection);
		route.claim();
		this.channel.plain = route;
		return route;
	}

	@Override
	public synchronized @Nullable PlainChannel claimPlainRoute(EngineConnection connection) {
		PlainChannel lingering = this.channel.plain;
		return (lingering != null && lingering.claim()) ? lingering : null;
	}

	private PlainChannel create(EngineConnection connection) {
		return new PlainChannel(connection.peerAddress(), connection.localAddress(), this.channel,
				this.maxDatagramSize, this.capacity, this.events, (route) -> closeSocket());
	}

	private void closeSocket() {
		this.channel.close();
		this.channels.remove(this.channel);
	}

}
