package io.dtls.benchmarks.load;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * Plain UDP through a connected {@link DatagramSocket}.
 */
final class UdpChannel implements MessageChannel {

	private final DatagramSocket socket;

	private final DatagramPacket received = new DatagramPacket(new byte[0], 0);

	private int timeoutMillis = -1;

	UdpChannel(InetSocketAddress server) throws IOException {
		this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
		this.socket.connect(server);
	}

	@Override
	public void send(byte[] message) throws IOException {
		this.socket.send(new DatagramPacket(message, message.length));
	}

	@Override
	public int receive(byte[] buffer, int timeoutMillis) throws IOException {
		if (timeoutMillis != this.timeoutMillis) {
			this.socket.setSoTimeout(timeoutMillis);
			this.timeoutMillis = timeoutMillis;
		}
		this.received.setData(buffer);
		try {
			this.socket.receive(this.received);
			return this.received.getLength();
		}
		catch (SocketTimeoutException ex) {
			return -1;
		}
	}

	@Override
	public boolean lossy() {
		return true;
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
