package io.dtls.core.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.dtls.core.HandshakeFailure;
import io.dtls.core.event.DtlsRole;
import io.dtls.core.handshake.EngineTlsServer;
import io.dtls.core.transport.PeerTransport;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server handshake in progress, run on a handshake thread from a ClientHello that passed
 * the cookie exchange to an established {@link DTLSTransport}.
 */
final class ServerHandshake implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(ServerHandshake.class);

	private final DtlsServer server;

	private final PeerTransport transport;

	private final EngineTlsServer tlsServer;

	private final DTLSRequest request;

	private final long startNanos = System.nanoTime();

	private volatile long lastDatagramNanos = this.startNanos;

	private volatile boolean stalled;

	ServerHandshake(DtlsServer server, PeerTransport transport, EngineTlsServer tlsServer, DTLSRequest request) {
		this.server = server;
		this.transport = transport;
		this.tlsServer = tlsServer;
		this.request = request;
	}

	InetSocketAddress peer() {
		return this.transport.peer();
	}

	PeerTransport transport() {
		return this.transport;
	}

	void cancel() {
		this.transport.cancel();
	}

	/**
	 * Cancels the handshake because its peer went silent; it fails as a timeout.
	 */
	void cancelAsStalled() {
		this.stalled = true;
		this.transport.cancel();
	}

	/**
	 * Records that a datagram from the peer arrived for this handshake.
	 */
	void datagramArrived() {
		this.lastDatagramNanos = System.nanoTime();
	}

	long lastDatagramNanos() {
		return this.lastDatagramNanos;
	}

	@Override
	public void run() {
		InetSocketAddress peer = peer();
		this.server.events().handshakeStarted(peer, DtlsRole.SERVER);
		logger.debug("Handshake with {} started", peer);
		DTLSTransport dtls;
		try {
			dtls = new DTLSServerProtocol().accept(this.tlsServer, this.transport, this.request);
		}
		catch (IOException | RuntimeException ex) {
			HandshakeFailure failure = classify(ex);
			Duration duration = elapsed();
			logger.debug("Handshake with {} failed after {} ms: {} {}", peer, duration.toMillis(), failure,
					this.tlsServer.describeFailure(), ex);
			this.server.handshakeFailed(this, failure, duration, ex);
			return;
		}
		this.server.handshakeCompleted(this, dtls, this.tlsServer, elapsed());
	}

	private HandshakeFailure classify(Exception ex) {
		if (this.stalled) {
			return HandshakeFailure.TIMEOUT;
		}
		if (this.transport.isCancelled()) {
			return HandshakeFailure.CANCELLED;
		}
		if (ex instanceof TlsTimeoutException) {
			return HandshakeFailure.TIMEOUT;
		}
		return this.tlsServer.failure();
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

}
