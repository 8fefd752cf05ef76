package io.dtls.core.demux;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.dtls.core.event.DropReason;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.internal.RateLimitedLogger;
import io.dtls.core.transport.NonBlockingSend;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel-routed demultiplexer: a listening socket receives ClientHellos, and each peer
 * that passes the cookie exchange gets a UDP socket of its own, bound to the server's address
 * and port with {@code SO_REUSEADDR} and connected to the peer. Linux delivers a datagram to
 * the connected socket that matches its source over the unconnected listener, so each peer's
 * datagrams arrive in its own receive buffer: a peer that floods fills only its own.
 * <p>
 * One selector thread reads the listener and every peer socket, so a connection is driven by
 * one thread whichever socket a datagram came through, and an idle peer costs a file
 * descriptor but no thread. Datagrams that reached the listener before the peer's socket
 * existed are routed by source address as the router does, and a peer whose socket cannot be
 * opened (no file descriptor left) stays on the listener. {@code SO_REUSEPORT} is not used:
 * on a port shared that way Linux may pick any socket of the group for a datagram.
 * <p>
 * Between binding a peer socket and connecting it, the kernel delivers to the new socket the
 * datagrams that would have reached the listener, from peers that have no socket of their
 * own: new peers' ClientHellos, mostly. The demultiplexer reads and routes those before it
 * connects the socket, because the JDK's {@code connect} discards what is still queued. A
 * datagram that arrives in the instant between that read and {@code connect} is lost, which
 * the peer's retransmission covers during a handshake, as it covers any loss. Peers with a
 * connected socket are not affected: the kernel prefers their socket to an unconnected one.
 *
 * @since 0.1.0
 */
public final class ConnectedDemultiplexer implements DatagramDemultiplexer {

	private static final Logger logger = LoggerFactory.getLogger(ConnectedDemultiplexer.class);

	private static final RateLimitedLogger failureLogger = new RateLimitedLogger(logger, 5, TimeUnit.SECONDS);

	static final int POLL_MILLIS = 100;

	/** Datagrams read from one socket before the selector turns to the others, for fairness. */
	private static final int READS_PER_TURN = 64;

	/**
	 * Requested buffer size of every socket, as large as the router's shared one so that a
	 * burst from one peer fits. It is a limit, not an allocation: only queued datagrams take
	 * memory, the kernel caps it (net.core.rmem_max) and bounds all sockets together (udp_mem).
	 */
	private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

	private final InetSocketAddress bindAddress;

	private final int maxDatagramSize;

	private final EventPublisher events;

	private final ConcurrentHashMap<InetSocketAddress, DatagramChannel> peers = new ConcurrentHashMap<>();

	private volatile @Nullable DatagramChannel listener;

	/** The listener's address, kept so that it stays known after the socket is closed. */
	private volatile @Nullable InetSocketAddress boundAddress;

	private volatile @Nullable Selector selector;

	private volatile boolean receiving;

	private volatile @Nullable Thread thread;

	private @Nullable DatagramReceiver receiver;

	// Used on the receive thread only.
	private final ByteBuffer buffer;

	private final byte[] scratch;

	/** Sockets of detached peers, waiting for the receive thread to read and close them. */
	private final ConcurrentLinkedQueue<Retiring> retiring = new ConcurrentLinkedQueue<>();

	/** The keys of one selection, read on the receive thread only. */
	private final ArrayList<SelectionKey> readyKeys = new ArrayList<>();

	/** Datagrams read from new peer sockets before they were connected, waiting for delivery. */
	private final ArrayDeque<Drained> drained = new ArrayDeque<>();

	/**
	 * @param maxDatagramSize the largest datagram accepted; larger ones are dropped
	 */
	public ConnectedDemultiplexer(InetSocketAddress bindAddress, int maxDatagramSize, EventPublisher events) {
		this.bindAddress = bindAddress;
		this.maxDatagramSize = maxDatagramSize;
		this.events = events;
		// One byte more than the maximum reveals datagrams that the kernel truncated to fit.
		this.buffer = ByteBuffer.allocate(maxDatagramSize + 1);
		this.scratch = new byte[maxDatagramSize];
	}

	/**
	 * Returns whether this platform routes datagrams to connected sockets sharing a port with
	 * an unconnected one: Linux does.
	 */
	public static boolean isSupported() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
	}

	@Override
	public void start(DatagramReceiver receiver) throws IOException {
		Selector selector = Selector.open();
		DatagramChannel listener = null;
		try {
			listener = openChannel();
			// Bound without SO_REUSEADDR, so that a port in use by any other socket fails the start, as
			// it does for the router. The option set afterwards lets peer sockets share the port.
			listener.bind(this.bindAddress);
			listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			listener.register(selector, SelectionKey.OP_READ, null);
		}
		catch (IOException ex) {
			closeQuietly(listener);
			selector.close();
			throw ex;
		}
		this.receiver = receiver;
		this.selector = selector;
		this.listener = listener;
		this.boundAddress = (InetSocketAddress) listener.getLocalAddress();
		this.receiving = true;
		Thread thread = new Thread(this::receiveLoop, "dtls-receive-" + localAddress().getPort());
		// Not a daemon: like a server socket's accept thread, a running server keeps the JVM alive.
		thread.setDaemon(false);
		this.thread = thread;
		thread.start();
	}

	/**
	 * Opens a non-blocking channel of the listener's protocol family.
	 */
	private DatagramChannel openChannel() throws IOException {
		InetAddress address = this.bindAddress.getAddress();
		DatagramChannel channel = (address instanceof Inet4Address && !address.isAnyLocalAddress())
				? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
		try {
			channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
			channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
			channel.configureBlocking(false);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		return channel;
	}

	private void receiveLoop() {
		Selector selector = this.selector;
		while (this.receiving) {
			if (!this.retiring.isEmpty()) {
				retirePending();
				deliverDrained();
			}
			try {
				selector.select(POLL_MILLIS);
			}
			catch (IOException ex) {
				failureLogger.warn("Waiting for datagrams on {} failed; the receive loop goes on", localAddress(), ex);
				continue;
			}
			catch (ClosedSelectorException ex) {
				break;
			}
			// Copied out, because retiring a socket runs a selection, which adds to the selected set.
			Set<SelectionKey> selected = selector.selectedKeys();
			this.readyKeys.addAll(selected);
			selected.clear();
			for (SelectionKey key : this.readyKeys) {
				try {
					if (key.isValid() && key.isReadable()) {
						readSome(key);
					}
				}
				catch (CancelledKeyException ex) {
					// The peer's socket was closed while the selector reported it ready.
				}
			}
			this.readyKeys.clear();
		}
	}

	/**
	 * Reads up to {@link #READS_PER_TURN} datagrams from one socket.
	 */
	private void readSome(SelectionKey key) {
		DatagramChannel channel = (DatagramChannel) key.channel();
		InetSocketAddress peer = (InetSocketAddress) key.attachment();
		for (int read = 0; read < READS_PER_TURN; read++) {
			this.buffer.clear();
			InetSocketAddress source;
			try {
				if (peer == null) {
					source = (InetSocketAddress) channel.receive(this.buffer);
				}
				else {
					// A connected channel reports no source; an empty datagram reads as none.
					source = (channel.read(this.buffer) > 0) ? peer : null;
				}
			}
			catch (PortUnreachableException ex) {
				// An ICMP error for an earlier send. The router's unconnected socket never receives
				// these, and datagram loss is for the DTLS layer to handle, so it is skipped.
				continue;
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				if (channel.isOpen()) {
					failureLogger.warn("Receiving on {} failed; the receive loop goes on", localAddress(), ex);
				}
				return;
			}
			if (source == null) {
				return;
			}
			deliver(source);
			deliverDrained();
		}
	}

	private void deliver(InetSocketAddress source) {
		int length = this.buffer.position();
		if (length > this.maxDatagramSize) {
			this.events.datagramReceived(length);
			this.events.dropped(source, DropReason.DATAGRAM_TOO_LARGE, length);
			return;
		}
		try {
			this.receiver.onDatagram(source, this.buffer.array(), length, this.scratch);
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof VirtualMachineError) {
				throw (VirtualMachineError) ex;
			}
			failureLogger.warn("Handling a datagram from {} failed; it is dropped", source, ex);
		}
	}

	@Override
	public void attach(InetSocketAddress peer) {
		if (this.peers.containsKey(peer) || !this.receiving) {
			return;
		}
		DatagramChannel channel = null;
		try {
			channel = openChannel();
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(localAddress());
			// Until connected, the socket may take datagrams meant for the listener: route them.
			drain(channel);
			channel.connect(peer);
			channel.register(this.selector, SelectionKey.OP_READ, peer);
			this.peers.put(peer, channel);
		}
		catch (IOException | RuntimeException ex) {
			failureLogger.warn("Cannot open a socket connected to {}; its datagrams keep arriving through the"
					+ " listening socket: {}", peer, ex.toString());
			closeQuietly(channel);
		}
	}

	/**
	 * Reads what a socket received before it was connected. The datagrams are delivered once
	 * the current one is handled, because {@link #attach} runs while the receiver handles it and
	 * the receiver may still read the shared buffer.
	 */
	private void drain(DatagramChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(this.maxDatagramSize + 1);
		while (true) {
			buffer.clear();
			InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
			if (source == null) {
				return;
			}
			this.drained.add(new Drained(source, Arrays.copyOf(buffer.array(), buffer.position())));
		}
	}

	private void deliverDrained() {
		Drained datagram;
		while ((datagram = this.drained.poll()) != null) {
			this.buffer.clear();
			this.buffer.put(datagram.bytes());
			deliver(datagram.source());
		}
	}

	@Override
	public void detach(InetSocketAddress peer) {
		DatagramChannel channel = this.peers.remove(peer);
		if (channel == null) {
			return;
		}
		// Sends take the listener from now on. The receive thread closes the socket after reading
		// the datagrams still queued in it, so that none of them is lost.
		this.retiring.add(new Retiring(peer, channel));
		if (Thread.currentThread() == this.thread) {
			retirePending();
		}
		else {
			Selector selector = this.selector;
			if (selector != null) {
				selector.wakeup();
			}
		}
	}

	/**
	 * Closes the sockets of detached peers, on the receive thread. The datagrams still queued in
	 * a socket are delivered once the current datagram is handled, like those drained on attach.
	 */
	private void retirePending() {
		Retiring socket;
		boolean closed = false;
		while ((socket = this.retiring.poll()) != null) {
			ByteBuffer buffer = ByteBuffer.allocate(this.maxDatagramSize + 1);
			try {
				while (socket.channel().isOpen()) {
					buffer.clear();
					int length;
					try {
						length = socket.channel().read(buffer);
					}
					catch (PortUnreachableException ex) {
						continue;
					}
					if (length <= 0) {
						break;
					}
					this.drained.add(new Drained(socket.peer(), Arrays.copyOf(buffer.array(), length)));
				}
			}
			catch (IOException ex) {
				logger.debug("Reading the last datagrams of the socket connected to {} failed", socket.peer(), ex);
			}
			closeQuietly(socket.channel());
			closed = true;
		}
		if (closed) {
			releaseClosedSockets();
		}
	}

	/**
	 * Releases the kernel sockets of the channels closed above. The JDK keeps the socket of a
	 * channel registered with a selector until a selection deregisters it, and until then the
	 * kernel still hands the peer's datagrams to that socket, where nothing reads them.
	 */
	private void releaseClosedSockets() {
		Selector selector = this.selector;
		if (selector == null) {
			return;
		}
		try {
			selector.selectNow();
		}
		catch (IOException | ClosedSelectorException ex) {
			logger.debug("Releasing closed peer sockets on {} failed", localAddress(), ex);
		}
	}

	/**
	 * Returns how many peers have a socket of their own.
	 */
	public int connectedPeers() {
		return this.peers.size();
	}

	@Override
	public void send(InetSocketAddress peer, byte[] buffer, int offset, int length) throws IOException {
		ByteBuffer datagram = ByteBuffer.wrap(buffer, offset, length);
		DatagramChannel channel = this.peers.get(peer);
		if (channel != null) {
			try {
				NonBlockingSend.send(channel, null, datagram);
				this.events.datagramSent(length);
				return;
			}
			catch (ClosedChannelException | PortUnreachableException ex) {
				// Detached meanwhile, or an ICMP error reported on this send: the listener
				// sends from the same address and port and ignores such errors, as the router does.
				datagram.rewind();
			}
		}
		NonBlockingSend.send(this.listener, peer, datagram);
		this.events.datagramSent(length);
	}

	@Override
	public InetSocketAddress localAddress() {
		return this.boundAddress;
	}

	@Override
	public DemuxMode mode() {
		return DemuxMode.CONNECTED;
	}

	@Override
	public boolean isReceiving() {
		Thread thread = this.thread;
		return this.receiving && thread != null && thread.isAlive();
	}

	@Override
	public void stopReceiving(long timeoutMillis) throws InterruptedException {
		this.receiving = false;
		Selector selector = this.selector;
		if (selector != null) {
			selector.wakeup();
		}
		Thread thread = this.thread;
		if (thread != null && thread != Thread.currentThread()) {
			thread.join(Math.max(1, timeoutMillis));
		}
	}

	@Override
	public void close() {
		this.receiving = false;
		this.peers.values().forEach(ConnectedDemultiplexer::closeQuietly);
		this.peers.clear();
		this.retiring.forEach((socket) -> closeQuietly(socket.channel()));
		this.retiring.clear();
		closeQuietly(this.listener);
		Selector selector = this.selector;
		if (selector != null) {
			try {
				selector.close();
			}
			catch (IOException | RuntimeException | LinkageError ex) {
				// With no file descriptor left, the JDK can fail to load the classes that close needs.
				logger.warn("Closing the selector of {} failed", this.bindAddress, ex);
			}
		}
	}

	private record Drained(InetSocketAddress source, byte[] bytes) {
	}

	private record Retiring(InetSocketAddress peer, DatagramChannel channel) {
	}

	private static void closeQuietly(@Nullable DatagramChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			logger.debug("Closing a datagram channel failed", ex);
		}
	}

}
