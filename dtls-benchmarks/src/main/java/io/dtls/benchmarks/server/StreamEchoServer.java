package io.dtls.benchmarks.server;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * TCP, plain or with TLS: a thread per connection reads messages of the size the client
 * announces in its first four bytes and writes each one back with its own write call.
 */
final class StreamEchoServer implements BenchmarkServer {

	private final ServerSocket serverSocket;

	private final MessageCounter counter = new MessageCounter();

	/**
	 * Starts serving on a bound server socket, plain or {@code SSLServerSocket}.
	 */
	StreamEchoServer(ServerSocket serverSocket, String name) {
		this.serverSocket = serverSocket;
		Thread acceptor = new Thread(this::accept, name + "-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				Thread thread = new Thread(() -> serve(socket), "stream-echo");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				// Closed by close(), or one failed accept: the loop condition decides.
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream input = socket.getInputStream();
			OutputStream output = socket.getOutputStream();
			int size = new DataInputStream(input).readInt();
			byte[] message = new byte[size];
			while (input.readNBytes(message, 0, size) == size) {
				if (this.counter.received(size)) {
					output.write(message);
				}
			}
		}
		catch (IOException ex) {
			// The client closed the connection.
		}
	}

	@Override
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	@Override
	public MessageCounter counter() {
		return this.counter;
	}

	@Override
	public void close() {
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
