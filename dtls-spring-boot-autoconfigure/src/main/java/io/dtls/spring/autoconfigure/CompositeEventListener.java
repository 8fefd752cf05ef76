package io.dtls.spring.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.event.DtlsRole;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Forwards the engine's events to several listeners: the application event publisher and every
 * {@link DtlsEventListener} bean, such as a metrics binder.
 */
final class CompositeEventListener implements DtlsEventListener {

	private final List<DtlsEventListener> listeners;

	private CompositeEventListener(List<DtlsEventListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	static DtlsEventListener of(DtlsEventListener first, ObjectProvider<DtlsEventListener> beans) {
		List<DtlsEventListener> listeners = new ArrayList<>();
		listeners.add(first);
		beans.orderedStream().filter((bean) -> bean != first).forEach(listeners::add);
		return (listeners.size() == 1) ? first : new CompositeEventListener(listeners);
	}

	@Override
	public void handshakeStarted(InetSocketAddress peer, DtlsRole role) {
		this.listeners.forEach((listener) -> listener.handshakeStarted(peer, role));
	}

	@Override
	public void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
		this.listeners.forEach((listener) -> listener.handshakeCompleted(connection, role, duration));
	}

	@Override
	public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
		this.listeners.forEach((listener) -> listener.handshakeFailed(peer, role, failure, duration, cause));
	}

	@Override
	public void helloVerifyRequestSent(InetSocketAddress peer, int bytes) {
		this.listeners.forEach((listener) -> listener.helloVerifyRequestSent(peer, bytes));
	}

	@Override
	public void connectionOpened(DtlsConnection connection) {
		this.listeners.forEach((listener) -> listener.connectionOpened(connection));
	}

	@Override
	public void connectionClosed(DtlsConnection connection, CloseReason reason) {
		this.listeners.forEach((listener) -> listener.connectionClosed(connection, reason));
	}

	@Override
	public void dropped(@Nullable InetSocketAddress source, DropReason reason, int bytes) {
		this.listeners.forEach((listener) -> listener.dropped(source, reason, bytes));
	}

	@Override
	public void datagramReceived(int bytes) {
		this.listeners.forEach((listener) -> listener.datagramReceived(bytes));
	}

	@Override
	public void datagramSent(int bytes) {
		this.listeners.forEach((listener) -> listener.datagramSent(bytes));
	}

}
