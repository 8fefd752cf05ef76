package io.dtls.core.support;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A peer that passes the cookie exchange, so that the server starts a handshake for it, and
 * then never answers: the cheapest way to hold a handshake slot.
 */
public final class StalledPeer implements AutoCloseable {

	private final DatagramSocket socket;

	/**
	 * @param sourceAddress the loopback address to send from, such as 127.0.0.3
	 */
	public StalledPeer(String sourceAddress) throws Exception {
		this.socket = new DatagramSocket(0, InetAddress.getByName(sourceAddress));
		this.socket.setSoTimeout(3000);
	}

	/**
	 * Sends a ClientHello, answers the HelloVerifyRequest with the cookie, and stops there.
	 * @return whether the server answered the second ClientHello with a ServerHello, that is
	 * whether it started a handshake
	 */
	public boolean startHandshake(byte[] clientHello, InetSocketAddress server) throws Exception {
		send(clientHello, server);
		byte[] cookie = RawDtls.cookieOf(receive());
		send(RawDtls.withCookie(clientHello, cookie, 1), server);
		try {
			return RawDtls.handshakeType(receive()) == 2;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
	}

	private void send(byte[] datagram, InetSocketAddress server) throws Exception {
		this.socket.send(new DatagramPacket(datagram, datagram.length, server));
	}

	private byte[] receive() throws Exception {
		DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
		this.socket.receive(packet);
		return Arrays.copyOf(packet.getData(), packet.getLength());
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
