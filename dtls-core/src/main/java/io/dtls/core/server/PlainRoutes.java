package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.dtls.core.connection.EngineConnection;
import io.dtls.core.connection.PlainChannel;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.record.DtlsRecords;
import io.dtls.core.transport.DatagramSender;
import org.jspecify.annotations.Nullable;

/**
 * The server's plain routes: peers whose connection ended with a close_notify exchange and
 * whose datagrams now go, unencrypted, to a {@link PlainChannel}. A route is claimed by
 * {@code unwrap}, or kept unclaimed for {@link EngineConnection#UNWRAP_WINDOW} after the peer's
 * close_notify; an unclaimed route gives way to a ClientHello, so that the peer can start a
 * new handshake at once.
 */
final class PlainRoutes {

	private final ConcurrentHashMap<InetSocketAddress, PlainChannel> routes = new ConcurrentHashMap<>();

	private final DatagramSender sender;

	private final int maxDatagramSize;

	private final int capacity;

	private final EventPublisher events;

	private final Consumer<InetSocketAddress> released;

	/**
	 * @param released runs with the peer's address when its route closes
	 */
	PlainRoutes(DatagramSender sender, int maxDatagramSize, int capacity, EventPublisher events,
			Consumer<InetSocketAddress> released) {
		this.sender = sender;
		this.maxDatagramSize = maxDatagramSize;
		this.capacity = capacity;
		this.events = events;
		this.released = released;
	}

	/**
	 * Opens a claimed route for a connection that is about to send close_notify, or claims the
	 * route kept for it.
	 */
	PlainChannel open(EngineConnection connection) {
		PlainChannel lingering = this.routes.get(connection.peerAddress());
		if (lingering != null && lingering.claim()) {
			// The peer's close_notify came first and its route is kept already.
			return lingering;
		}
		PlainChannel route = create(connection);
		route.claim();
		PlainChannel previous = this.routes.put(connection.peerAddress(), route);
		if (previous != null) {
			previous.expire();
		}
		return route;
	}

	/**
	 * Keeps the peer's datagrams after its close_notify, for an {@code unwrap} that comes a
	 * moment later, and expires the route after {@link EngineConnection#UNWRAP_WINDOW}.
	 */
	// NOTE: every peer that leaves with close_notify gets a route and a timer task for the whole
	// window, whether or not the application ever unwraps. At 3,500 closes per second, as in the
	// handshake benchmark, that is about 17,000 routes at once, at a cost not measured.
	void keepAfterCloseNotify(EngineConnection connection, ScheduledExecutorService timer) {
		PlainChannel route = create(connection);
		if (this.routes.putIfAbsent(connection.peerAddress(), route) != null) {
			return;
		}
		try {
			timer.schedule(route::expire, EngineConnection.UNWRAP_WINDOW.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The server is stopping: nothing will claim the route.
			route.expire();
		}
	}

	/**
	 * Claims the route kept after the peer's close_notify.
	 * @return the route, or {@code null} if there is none to claim
	 */
	@Nullable PlainChannel claim(EngineConnection connection) {
		PlainChannel route = this.routes.get(connection.peerAddress());
		return (route != null && route.claim()) ? route : null;
	}

	/**
	 * Hands a datagram from a peer without a connection to its route, if it has one.
	 * @return whether the route took the datagram
	 */
	boolean offer(InetSocketAddress source, byte[] buffer, int length) {
		PlainChannel route = this.routes.get(source);
		if (route == null) {
			return false;
		}
		if (!route.isClaimed() && DtlsRecords.isClientHello(buffer, length)) {
			route.expire();
			return false;
		}
		route.offer(Arrays.copyOf(buffer, length));
		return true;
	}

	boolean isEmpty() {
		return this.routes.isEmpty();
	}

	/**
	 * Returns whether an application has claimed the peer's route. A route kept unclaimed after the
	 * peer's close_notify needs no socket of its own: the listener receives the peer's datagrams
	 * and the server routes them here, so a server that many peers leave cleanly does not keep
	 * a kernel socket per departed peer.
	 */
	boolean isClaimed(InetSocketAddress peer) {
		PlainChannel route = this.routes.get(peer);
		return route != null && route.isClaimed();
	}

	void closeAll() {
		List.copyOf(this.routes.values()).forEach(PlainChannel::close);
	}

	private PlainChannel create(EngineConnection connection) {
		return new PlainChannel(connection.peerAddress(), connection.localAddress(), this.sender, this.maxDatagramSize,
				this.capacity, this.events, (route) -> {
					this.routes.remove(route.peerAddress(), route);
					this.released.accept(route.peerAddress());
				});
	}

}
