package io.dtls.core.event;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Observes an endpoint: handshakes, connections, dropped datagrams and traffic. Every method
 * has an empty default, so an implementation overrides only what it needs.
 * <p>
 * Methods are called on the engine's own threads, some of them (the datagram methods) on the
 * receive path for each datagram. Implementations must be thread-safe, fast and must not block;
 * counting with {@link java.util.concurrent.atomic.LongAdder} is the intended use. An exception
 * thrown by a listener is logged and otherwise ignored.
 *
 * @since 0.1.0
 */
public interface DtlsEventListener {

	/**
	 * Called when a handshake starts: on a server, once a ClientHello carried a valid cookie.
	 */
	default void handshakeStarted(InetSocketAddress peer, DtlsRole role) {
	}

	default void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
	}

	default void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
			@Nullable Throwable cause) {
	}

	/**
	 * Called when a HelloVerifyRequest was sent in reply to a ClientHello without a valid cookie
	 * (RFC 6347 4.2.1).
	 */
	default void helloVerifyRequestSent(InetSocketAddress peer, int bytes) {
	}

	default void connectionOpened(DtlsConnection connection) {
	}

	default void connectionClosed(DtlsConnection connection, CloseReason reason) {
	}

	/**
	 * Called when a datagram or message is discarded.
	 * @param source the sender, or {@code null} when it is not known
	 * @param bytes the size of what was dropped
	 */
	default void dropped(@Nullable InetSocketAddress source, DropReason reason, int bytes) {
	}

	default void datagramReceived(int bytes) {
	}

	default void datagramSent(int bytes) {
	}

}
