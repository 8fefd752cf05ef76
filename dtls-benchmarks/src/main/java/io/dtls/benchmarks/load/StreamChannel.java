package io.dtls.benchmarks.load;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A TCP connection, plain or TLS, carrying messages of one fixed size: the size goes first as
 * four bytes, and each message is written with its own write call, as a datagram would be sent.
 */
final class StreamChannel implements MessageChannel {

	/** A stream loses nothing, so a reply that takes this long means the server failed. */
	private static final int STALL_TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final InputStream input;

	private final OutputStream output;

	private final int messageSize;

	StreamChannel(Socket socket, int messageSize) throws IOException {
		this.socket = socket;
		this.messageSize = messageSize;
		socket.setTcpNoDelay(true);
		socket.setSoTimeout(STALL_TIMEOUT_MILLIS);
		this.input = socket.getInputStream();
		this.output = socket.getOutputStream();
		new DataOutputStream(this.output).writeInt(messageSize);
	}

	@Override
	public void send(byte[] message) throws IOException {
		this.output.write(message, 0, this.messageSize);
	}

	/**
	 * Reads one whole message; the timeout does not apply, since nothing is lost on a stream.
	 */
	@Override
	public int receive(byte[] buffer, int timeoutMillis) throws IOException {
		int length = this.input.readNBytes(buffer, 0, this.messageSize);
		if (length < this.messageSize) {
			throw new IOException("Server closed the connection after " + length + " of " + this.messageSize
					+ " bytes of a message");
		}
		return length;
	}

	@Override
	public boolean lossy() {
		return false;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
