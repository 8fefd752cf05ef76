package io.dtls.core.demux;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import io.dtls.core.internal.EventPublisher;
import io.dtls.core.internal.RateLimitedLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-space router: one unconnected UDP socket receives the datagrams of every peer on a
 * single thread, which hands each to the server's {@link DatagramReceiver} to route by source
 * address.
 * <p>
 * The receive thread wakes up every {@value #POLL_MILLIS} ms to notice a stop request, and
 * nothing it calls may kill it: each failure is logged, rate-limited, and the loop goes on.
 * It is not a daemon thread, so a running server keeps the JVM alive until it is stopped.
 *
 * @since 0.1.0
 */
public final class RouterDemultiplexer implements DatagramDemultiplexer {

	private static final Logger logger = LoggerFactory.getLogger(RouterDemultiplexer.class);

	private static final RateLimitedLogger failureLogger = new RateLimitedLogger(logger, 5, TimeUnit.SECONDS);

	static final int POLL_MILLIS = 100;

	/** Requested socket buffer size; the kernel caps it (net.core.rmem_max and wmem_max on Linux). */
	private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

	private final InetSocketAddress bindAddress;

	private final int maxDatagramSize;

	private final EventPublisher events;

	private volatile DatagramSocket socket;

	private volatile boolean receiving;

	private volatile Thread thread;

	/**
	 * @param maxDatagramSize the largest datagram accepted; larger ones are dropped as malformed
	 */
	public RouterDemultiplexer(InetSocketAddress bindAddress, int maxDatagramSize, EventPublisher events) {
		this.bindAddress = bindAddress;
		this.maxDatagramSize = maxDatagramSize;
		this.events = events;
	}

	@Override
	public void start(DatagramReceiver receiver) throws IOException {
		DatagramSocket socket = new DatagramSocket(null);
		try {
			socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
			socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
			socket.setSoTimeout(POLL_MILLIS);
			socket.bind(this.bindAddress);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		this.socket = socket;
		this.receiving = true;
		this.thread = new Thread(() -> receiveLoop(socket, receiver),
				"dtls-receive-" + socket.getLocalPort());
		// Not a daemon: like a server socket's accept thread, a running server keeps the JVM alive.
		this.thread.setDaemon(false);
		this.thread.start();
	}

	private void receiveLoop(DatagramSocket socket, DatagramReceiver receiver) {
		// One byte more than the maximum reveals datagrams that the kernel truncated to fit.
		byte[] buffer = new byte[this.maxDatagramSize + 1];
		byte[] scratch = new byte[this.maxDatagramSize];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		while (this.receiving) {
			packet.setData(buffer);
			try {
				socket.receive(packet);
			}
			catch (SocketTimeoutException ex) {
				continue;
			}
			catch (IOException ex) {
				if (socket.isClosed()) {
					break;
				}
				failureLogger.warn("Receiving on {} failed; the receive loop goes on", localAddress(), ex);
				continue;
			}
			InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
			int length = packet.getLength();
			if (length > this.maxDatagramSize) {
				// The kernel truncated it to the buffer, so its real size is unknown beyond this.
				this.events.datagramReceived(length);
				this.events.dropped(source, io.dtls.core.event.DropReason.DATAGRAM_TOO_LARGE, length);
				continue;
			}
			try {
				receiver.onDatagram(source, buffer, length, scratch);
			}
			catch (RuntimeException | Error ex) {
				if (ex instanceof VirtualMachineError) {
					throw (VirtualMachineError) ex;
				}
				failureLogger.warn("Handling a datagram from {} failed; it is dropped", source, ex);
			}
		}
	}

	@Override
	public void send(InetSocketAddress peer, byte[] buffer, int offset, int length) throws IOException {
		this.socket.send(new DatagramPacket(buffer, offset, length, peer));
		this.events.datagramSent(length);
	}

	@Override
	public InetSocketAddress localAddress() {
		return (InetSocketAddress) this.socket.getLocalSocketAddress();
	}

	@Override
	public DemuxMode mode() {
		return DemuxMode.ROUTER;
	}

	@Override
	public boolean isReceiving() {
		Thread thread = this.thread;
		return this.receiving && thread != null && thread.isAlive();
	}

	@Override
	public void stopReceiving(long timeoutMillis) throws InterruptedException {
		this.receiving = false;
		Thread thread = this.thread;
		if (thread != null && thread != Thread.currentThread()) {
			thread.join(Math.max(1, timeoutMillis));
		}
	}

	@Override
	public void close() {
		this.receiving = false;
		DatagramSocket socket = this.socket;
		if (socket != null) {
			socket.close();
		}
	}

}
