package io.dtls.core.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Forwards datagrams between clients and one server on loopback, sending everything to the
 * server from a single port. The relay binds to the server's address, so it serves the
 * server's address family. To the server, every client behind the relay is the same peer, so
 * a second client looks like the first one after a reboot.
 * Replies go to the client that sent last.
 */
public final class UdpRelay implements AutoCloseable {

	private final DatagramSocket downstream;

	private final DatagramSocket upstream;

	private final InetSocketAddress server;

	private volatile SocketAddress lastClient;

	public UdpRelay(InetSocketAddress server) throws IOException {
		InetAddress loopback = server.getAddress();
		this.server = server;
		this.downstream = new DatagramSocket(0, loopback);
		this.upstream = new DatagramSocket(0, loopback);
		start("relay-to-server", this::forwardToServer);
		start("relay-to-client", this::forwardToClient);
	}

	public int port() {
		return this.downstream.getLocalPort();
	}

	/**
	 * Returns the address the server sees for every client behind the relay.
	 */
	public InetSocketAddress upstreamAddress() {
		return (InetSocketAddress) this.upstream.getLocalSocketAddress();
	}

	private void forwardToServer() throws IOException {
		DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
		while (!this.downstream.isClosed()) {
			this.downstream.receive(packet);
			this.lastClient = packet.getSocketAddress();
			this.upstream.send(new DatagramPacket(packet.getData(), packet.getLength(), this.server));
		}
	}

	private void forwardToClient() throws IOException {
		DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
		while (!this.upstream.isClosed()) {
			this.upstream.receive(packet);
			SocketAddress client = this.lastClient;
			if (client != null) {
				this.downstream.send(new DatagramPacket(packet.getData(), packet.getLength(), client));
			}
		}
	}

	private static void start(String name, IoTask task) {
		Thread thread = new Thread(() -> {
			try {
				task.run();
			}
			catch (IOException ex) {
				// The relay's sockets were closed, which ends the forwarding.
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		this.downstream.close();
		this.upstream.close();
	}

	@FunctionalInterface
	private interface IoTask {

		void run() throws IOException;

	}

}
