package io.dtls.benchmarks.load;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.crypto.EngineCrypto;
import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The load generator's DTLS client, the same for every server under test: Bouncy Castle's
 * {@link DTLSClientProtocol} on a UDP socket of its own per connection.
 * <p>
 * Its crypto is the engine's {@code HYBRID} back-end, which is Bouncy Castle's
 * {@code BcTlsCrypto} for the EC work of handshakes (several times faster than the JDK's on
 * this kind of machine) and the JCA for hashes, the PRF and AES records (GCM and CCM).
 */
public final class DtlsDialer {

	/**
	 * The MTU handed to Bouncy Castle's {@link UDPTransport}, which subtracts 92 bytes of IP and
	 * UDP headers: this gives datagrams of up to 1,500 bytes, as the servers accept.
	 */
	private static final int MTU = 1500 + 92;

	private final TlsCrypto crypto = EngineCrypto
		.create(DtlsCryptoBackend.HYBRID, new HandshakeMessageGuard(HandshakeMessageGuard.DEFAULT_MAX_HANDSHAKE_MESSAGE_LENGTH),
				() -> {
				})
		.tlsCrypto();

	private final InetSocketAddress server;

	private final DtlsSuite suite;

	public DtlsDialer(InetSocketAddress server, DtlsSuite suite) {
		this.server = server;
		this.suite = suite;
	}

	/**
	 * Completes a full handshake, cookie exchange included, and returns the connection.
	 */
	public DTLSTransport connect() throws IOException {
		DatagramSocket socket = new DatagramSocket(new InetSocketAddress(this.server.getAddress(), 0));
		try {
			socket.connect(this.server);
			return new DTLSClientProtocol().connect(LoadTlsClients.create(this.suite, this.crypto),
					new UDPTransport(socket, MTU));
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Connects and wraps the connection as a {@link MessageChannel}.
	 */
	MessageChannel open() throws IOException {
		return new DtlsChannel(connect());
	}

}
