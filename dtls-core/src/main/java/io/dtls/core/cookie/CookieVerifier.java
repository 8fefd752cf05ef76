package io.dtls.core.cookie;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DatagramSender;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * Checks the cookie of an initial ClientHello and replies to a ClientHello without a valid one
 * with a HelloVerifyRequest, keeping no state per peer (RFC 6347 4.2.1).
 * <p>
 * The cookie is an HMAC-SHA256, computed by Bouncy Castle's {@link DTLSVerifier}, over the
 * peer's address and port and the ClientHello without its cookie, under a random secret. The
 * secret changes at every {@link #rotate()}; the previous secret is still accepted, so that a
 * client whose cookie was issued just before a rotation still gets through.
 * <p>
 * A HelloVerifyRequest is sent only when it is no larger than the ClientHello it answers, so
 * the exchange cannot amplify traffic aimed at a spoofed address.
 */
public final class CookieVerifier {

	private static final DatagramSender DISCARD = new DatagramSender() {

		@Override
		public int getSendLimit() {
			return 1500;
		}

		@Override
		public void send(byte[] buf, int off, int len) {
		}

	};

	private final TlsCrypto crypto;

	private volatile DTLSVerifier current;

	private volatile @Nullable DTLSVerifier previous;

	public CookieVerifier(TlsCrypto crypto) {
		this.crypto = crypto;
		this.current = new DTLSVerifier(crypto);
	}

	/**
	 * Starts a new cookie secret; cookies made with the one it replaces stay valid until the
	 * next rotation.
	 */
	public void rotate() {
		this.previous = this.current;
		this.current = new DTLSVerifier(this.crypto);
	}

	/**
	 * Verifies the cookie of a ClientHello.
	 * @param client the source address of the datagram
	 * @param helloVerifyRequestSender sends the HelloVerifyRequest when the cookie is missing
	 * or invalid
	 * @return the request to continue the handshake with, or {@code null} when the cookie is
	 * missing or invalid or the datagram is not a well-formed ClientHello; a HelloVerifyRequest
	 * is sent only in the first two cases
	 */
	public @Nullable DTLSRequest verify(InetSocketAddress client, byte[] datagram, int length,
			HelloVerifyRequestSender helloVerifyRequestSender) throws IOException {
		byte[] clientId = clientId(client);
		CapturingSender capture = new CapturingSender();
		DTLSRequest request;
		try {
			request = this.current.verifyRequest(clientId, datagram, 0, length, capture);
			if (request != null) {
				return request;
			}
			DTLSVerifier previous = this.previous;
			if (previous != null) {
				request = previous.verifyRequest(clientId, datagram, 0, length, DISCARD);
				if (request != null) {
					return request;
				}
			}
		}
		catch (RuntimeException ex) {
			// Bouncy Castle 1.84 raises IllegalArgumentException for some malformed fields, such as
			// the reserved client_version {0xFE, 0xFE}: the ClientHello is malformed.
			return null;
		}
		byte[] helloVerifyRequest = capture.datagram;
		if (helloVerifyRequest != null && helloVerifyRequest.length <= length) {
			helloVerifyRequestSender.send(client, helloVerifyRequest);
		}
		return null;
	}

	private static byte[] clientId(InetSocketAddress client) {
		byte[] address = client.getAddress().getAddress();
		return ByteBuffer.allocate(address.length + 2).put(address).putShort((short) client.getPort()).array();
	}

	/**
	 * Sends a HelloVerifyRequest datagram to a client.
	 */
	@FunctionalInterface
	public interface HelloVerifyRequestSender {

		void send(InetSocketAddress client, byte[] helloVerifyRequest) throws IOException;

	}

	private static final class CapturingSender implements DatagramSender {

		private byte @Nullable [] datagram;

		@Override
		public int getSendLimit() {
			return 1500;
		}

		@Override
		public void send(byte[] buf, int off, int len) {
			this.datagram = java.util.Arrays.copyOfRange(buf, off, off + len);
		}

	}

}
