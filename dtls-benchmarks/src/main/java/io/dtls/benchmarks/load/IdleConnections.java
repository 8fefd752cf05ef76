package io.dtls.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.DTLSTransport;

/**
 * Many established DTLS connections held open by the load generator, for measuring what idle
 * connections cost a server.
 */
public final class IdleConnections implements AutoCloseable {

	private final List<DTLSTransport> connections;

	private IdleConnections(List<DTLSTransport> connections) {
		this.connections = connections;
	}

	/**
	 * Completes {@code count} handshakes on {@code threads} threads and keeps the connections.
	 */
	public static IdleConnections open(DtlsDialer dialer, int count, int threads) throws IOException {
		List<DTLSTransport> connections = Collections.synchronizedList(new ArrayList<>(count));
		AtomicInteger remaining = new AtomicInteger(count);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Void>> results = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						connections.add(dialer.connect());
					}
					return null;
				}));
			}
			for (Future<Void> result : results) {
				result.get();
			}
		}
		catch (ExecutionException ex) {
			new IdleConnections(connections).close();
			throw new IOException("Handshake failed after " + connections.size() + " connections: " + ex.getCause(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		finally {
			pool.shutdownNow();
		}
		return new IdleConnections(connections);
	}

	/**
	 * Sends one message on each connection and waits for its echo, which tells the server that
	 * the client completed the handshake, so that it may release what it kept to retransmit
	 * its last flight.
	 * @return the number of connections whose echo did not come back within a second
	 */
	public int exchangeOnce() throws IOException {
		byte[] message = new byte[16];
		byte[] buffer = new byte[2048];
		int missing = 0;
		for (DTLSTransport connection : this.connections) {
			connection.send(message, 0, message.length);
			if (connection.receive(buffer, 0, buffer.length, 1000) < 0) {
				missing++;
			}
		}
		return missing;
	}

	public int size() {
		return this.connections.size();
	}

	@Override
	public void close() {
		for (DTLSTransport connection : this.connections) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// The server's heap has been measured; a failed close_notify changes nothing.
			}
		}
	}

}
