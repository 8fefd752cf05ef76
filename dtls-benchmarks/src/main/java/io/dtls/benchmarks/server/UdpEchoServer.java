package io.dtls.benchmarks.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * Plain UDP: one thread receives each datagram and sends it back, the baseline for DTLS.
 */
final class UdpEchoServer implements BenchmarkServer {

	private final DatagramSocket socket;

	private final MessageCounter counter = new MessageCounter();

	UdpEchoServer(InetSocketAddress bindAddress) {
		try {
			this.socket = new DatagramSocket(bindAddress);
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread thread = new Thread(this::run, "udp-echo");
		thread.setDaemon(true);
		thread.start();
	}

	private void run() {
		DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
		while (!this.socket.isClosed()) {
			try {
				packet.setLength(65536);
				this.socket.receive(packet);
				if (this.counter.received(packet.getLength())) {
					this.socket.send(packet);
				}
			}
			catch (IOException ex) {
				// Closed by close(), or a transient send failure: the loop condition decides.
			}
		}
	}

	@Override
	public int port() {
		return this.socket.getLocalPort();
	}

	@Override
	public MessageCounter counter() {
		return this.counter;
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
