package io.dtls.core;

import org.bouncycastle.tls.AlertDescription;
import org.jspecify.annotations.Nullable;

/**
 * Why a connection closed: who closed it and, for alerts, which one.
 *
 * @param kind the cause, small and fixed so that it can serve as a metric tag
 * @param alertDescription the TLS alert description (RFC 5246 7.2) for alert kinds, otherwise -1
 * @param cause the local error for {@link Kind#FAILED}, otherwise {@code null}
 * @since 0.1.0
 */
public record CloseReason(Kind kind, int alertDescription, @Nullable Throwable cause) {

	public static final CloseReason CLOSED_LOCALLY = new CloseReason(Kind.CLOSED_LOCALLY, -1, null);

	public static final CloseReason PEER_CLOSE_NOTIFY = new CloseReason(Kind.PEER_CLOSE_NOTIFY, AlertDescription.close_notify,
			null);

	public static final CloseReason IDLE_TIMEOUT = new CloseReason(Kind.IDLE_TIMEOUT, -1, null);

	public static final CloseReason EVICTED = new CloseReason(Kind.EVICTED, -1, null);

	public static final CloseReason REPLACED = new CloseReason(Kind.REPLACED, -1, null);

	public static final CloseReason ENDPOINT_STOPPED = new CloseReason(Kind.ENDPOINT_STOPPED, -1, null);

	/**
	 * Creates the reason for a fatal alert received from the peer.
	 */
	public static CloseReason peerFatalAlert(int alertDescription) {
		return new CloseReason(Kind.PEER_FATAL_ALERT, alertDescription, null);
	}

	/**
	 * Creates the reason for a local failure, such as a socket error.
	 */
	public static CloseReason failed(Throwable cause) {
		return new CloseReason(Kind.FAILED, -1, cause);
	}

	/**
	 * Returns whether the peer ended the connection, cleanly or with an alert.
	 */
	public boolean isPeerInitiated() {
		return this.kind == Kind.PEER_CLOSE_NOTIFY || this.kind == Kind.PEER_FATAL_ALERT;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case PEER_CLOSE_NOTIFY -> "peer sent close_notify";
			case PEER_FATAL_ALERT -> "peer sent fatal alert " + AlertDescription.getText((short) this.alertDescription);
			case FAILED -> "failed: " + this.cause;
			default -> this.kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		};
	}

	/**
	 * Who or what closed a connection.
	 */
	public enum Kind {

		/** The application called {@link DtlsConnection#close()}; close_notify was sent. */
		CLOSED_LOCALLY,

		/** The peer sent close_notify (RFC 5246 7.2.1). */
		PEER_CLOSE_NOTIFY,

		/** The peer sent a fatal alert (RFC 5246 7.2.2). */
		PEER_FATAL_ALERT,

		/** No datagram arrived from the peer within the idle timeout. */
		IDLE_TIMEOUT,

		/** The connection was the least recently active when the connection limit was reached. */
		EVICTED,

		/** The peer completed a new handshake from the same address, for example after a reboot (RFC 6347 4.2.8). */
		REPLACED,

		/** The endpoint or client that owns the connection stopped. */
		ENDPOINT_STOPPED,

		/** A local error, such as a socket failure, ended the connection. */
		FAILED

	}

}
