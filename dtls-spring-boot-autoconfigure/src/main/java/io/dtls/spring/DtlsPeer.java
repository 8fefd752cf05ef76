package io.dtls.spring;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsException;
import io.dtls.core.DtlsSession;
import org.jspecify.annotations.Nullable;

/**
 * The remote end of a DTLS connection as the Spring layer presents it: who the peer is, and a
 * way to send to it. A {@code @DtlsListener} method receives it as a parameter or through the
 * {@link DtlsHeaders#PEER} header.
 *
 * @since 0.1.0
 */
public final class DtlsPeer {

	private final DtlsConnection connection;

	public DtlsPeer(DtlsConnection connection) {
		this.connection = Objects.requireNonNull(connection, "connection");
	}

	/**
	 * Returns the id of the underlying connection, unique within the JVM.
	 */
	public String connectionId() {
		return this.connection.id();
	}

	public InetSocketAddress address() {
		return this.connection.peerAddress();
	}

	/**
	 * Returns the certificate subject or PSK identity of the peer, or {@code null} for an
	 * anonymous peer.
	 */
	public @Nullable Principal principal() {
		return this.connection.session().peerPrincipal();
	}

	public String cipherSuite() {
		return this.connection.session().cipherSuite();
	}

	public DtlsSession session() {
		return this.connection.session();
	}

	public boolean isOpen() {
		return this.connection.isOpen();
	}

	/**
	 * Returns the engine's connection, for what this class does not cover.
	 */
	public DtlsConnection connection() {
		return this.connection;
	}

	/**
	 * Sends one payload as one datagram.
	 * @return a future completed once the datagram is handed to the socket, or exceptionally
	 * with a {@link DtlsException} that says why it was not
	 */
	public CompletableFuture<Void> send(byte[] payload) {
		try {
			this.connection.send(payload);
			return CompletableFuture.completedFuture(null);
		}
		catch (DtlsException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof DtlsPeer peer && peer.connection.equals(this.connection);
	}

	@Override
	public int hashCode() {
		return this.connection.hashCode();
	}

	@Override
	public String toString() {
		return "DtlsPeer[" + address() + ", connection " + connectionId() + "]";
	}

}
