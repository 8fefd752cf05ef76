package io.dtls.benchmarks.load;

import java.io.IOException;

import org.bouncycastle.tls.DTLSTransport;

/**
 * An established DTLS 1.2 connection of the load generator's Bouncy Castle client.
 */
final class DtlsChannel implements MessageChannel {

	private final DTLSTransport transport;

	DtlsChannel(DTLSTransport transport) {
		this.transport = transport;
	}

	@Override
	public void send(byte[] message) throws IOException {
		this.transport.send(message, 0, message.length);
	}

	@Override
	public int receive(byte[] buffer, int timeoutMillis) throws IOException {
		return this.transport.receive(buffer, 0, buffer.length, timeoutMillis);
	}

	@Override
	public boolean lossy() {
		return true;
	}

	@Override
	public void close() throws IOException {
		this.transport.close();
	}

}
