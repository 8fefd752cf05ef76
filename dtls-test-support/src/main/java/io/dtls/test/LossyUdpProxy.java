package io.dtls.test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A UDP proxy on loopback that forwards datagrams between clients and one server and drops,
 * duplicates, reorders and delays them on the way, at configured rates per direction. It lets
 * a test see what a lossy radio link or a congested network does to a DTLS application.
 * <p>
 * Each client gets a socket of its own towards the server, so the server sees one distinct
 * peer per client, as it would without the proxy. The random decisions come from one seeded
 * generator, so a test with the same seed and the same traffic makes the same decisions
 * (thread scheduling can still interleave datagrams differently).
 *
 * <pre class="code">
 * try (LossyUdpProxy proxy = LossyUdpProxy.builder(serverAddress)
 *         .clientToServer(LinkConditions.of(0.3, 0.05, 0.1))
 *         .serverToClient(LinkConditions.of(0.3, 0.05, 0.1))
 *         .seed(42)
 *         .start()) {
 *     client.connect("127.0.0.1", proxy.port());
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class LossyUdpProxy implements AutoCloseable {

	private static final int MAX_DATAGRAM = 65_535;

	private final InetSocketAddress server;

	private final Link toServer;

	private final Link toClient;

	private final int maxClients;

	private final DatagramSocket downstream;

	private final Map<SocketAddress, DatagramSocket> upstreams = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler;

	private volatile boolean running = true;

	private LossyUdpProxy(Builder builder) throws IOException {
		this.server = builder.server;
		Random random = new Random(builder.seed);
		this.toServer = new Link(builder.clientToServer, random);
		this.toClient = new Link(builder.serverToClient, random);
		this.maxClients = builder.maxClients;
		this.downstream = new DatagramSocket(builder.bindAddress);
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "lossy-proxy-delay"));
		daemon(this::forwardFromClients, "lossy-proxy-clients").start();
	}

	/**
	 * Creates a builder for a proxy in front of {@code server}.
	 */
	public static Builder builder(InetSocketAddress server) {
		return new Builder(server);
	}

	/**
	 * Returns the port clients connect to, on {@link #address()}.
	 */
	public int port() {
		return this.downstream.getLocalPort();
	}

	/**
	 * Returns the address clients connect to.
	 */
	public InetSocketAddress address() {
		return (InetSocketAddress) this.downstream.getLocalSocketAddress();
	}

	/**
	 * Returns what the proxy did to datagrams from clients to the server.
	 */
	public LinkStatistics clientToServer() {
		return this.toServer.statistics();
	}

	/**
	 * Returns what the proxy did to datagrams from the server to clients.
	 */
	public LinkStatistics serverToClient() {
		return this.toClient.statistics();
	}

	private void forwardFromClients() {
		DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
		while (this.running) {
			try {
				this.downstream.receive(packet);
			}
			catch (IOException ex) {
				// The socket closed: the proxy is shutting down.
				return;
			}
			SocketAddress client = packet.getSocketAddress();
			DatagramSocket upstream = upstream(client);
			if (upstream != null) {
				byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
				this.toServer.pass(datagram, (bytes) -> send(upstream, bytes, this.server));
			}
		}
	}

	private @Nullable DatagramSocket upstream(SocketAddress client) {
		DatagramSocket existing = this.upstreams.get(client);
		if (existing != null || this.upstreams.size() >= this.maxClients) {
			return existing;
		}
		try {
			DatagramSocket socket = new DatagramSocket(new InetSocketAddress(this.server.getAddress(), 0));
			this.upstreams.put(client, socket);
			daemon(() -> forwardFromServer(socket, client), "lossy-proxy-server-" + socket.getLocalPort()).start();
			return socket;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void forwardFromServer(DatagramSocket upstream, SocketAddress client) {
		DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
		while (this.running) {
			try {
				upstream.receive(packet);
			}
			catch (IOException ex) {
				return;
			}
			byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
			this.toClient.pass(datagram, (bytes) -> send(this.downstream, bytes, client));
		}
	}

	private static void send(DatagramSocket socket, byte[] datagram, SocketAddress target) {
		try {
			socket.send(new DatagramPacket(datagram, datagram.length, target));
		}
		catch (IOException ex) {
			// A closed socket or a full buffer loses the datagram, as the network would.
		}
	}

	/**
	 * Stops forwarding and closes every socket.
	 */
	@Override
	public void close() {
		this.running = false;
		this.downstream.close();
		this.upstreams.values().forEach(DatagramSocket::close);
		this.scheduler.shutdownNow();
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * One direction of the proxy: its conditions and counters.
	 */
	private final class Link {

		private final LinkConditions conditions;

		private final Random random;

		private final AtomicLong received = new AtomicLong();

		private final AtomicLong dropped = new AtomicLong();

		private final AtomicLong forwarded = new AtomicLong();

		private final AtomicLong duplicated = new AtomicLong();

		private final AtomicLong reordered = new AtomicLong();

		Link(LinkConditions conditions, Random random) {
			this.conditions = conditions;
			this.random = random;
		}

		void pass(byte[] datagram, java.util.function.Consumer<byte[]> sender) {
			this.received.incrementAndGet();
			double loss;
			double duplicate;
			double reorder;
			// One generator serves both directions, so draws are serialized for reproducibility.
			synchronized (this.random) {
				loss = this.random.nextDouble();
				duplicate = this.random.nextDouble();
				reorder = this.random.nextDouble();
			}
			if (loss < this.conditions.lossRate()) {
				this.dropped.incrementAndGet();
				return;
			}
			long delayMillis = this.conditions.delay().toMillis();
			if (reorder < this.conditions.reorderRate()) {
				this.reordered.incrementAndGet();
				delayMillis += this.conditions.reorderDelay().toMillis();
			}
			int copies = (duplicate < this.conditions.duplicateRate()) ? 2 : 1;
			if (copies == 2) {
				this.duplicated.incrementAndGet();
			}
			for (int i = 0; i < copies; i++) {
				this.forwarded.incrementAndGet();
				schedule(() -> sender.accept(datagram), delayMillis + i);
			}
		}

		private void schedule(Runnable send, long delayMillis) {
			if (delayMillis <= 0) {
				send.run();
				return;
			}
			try {
				LossyUdpProxy.this.scheduler.schedule(send, delayMillis, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// The proxy is closing.
			}
		}

		LinkStatistics statistics() {
			return new LinkStatistics(this.received.get(), this.dropped.get(), this.forwarded.get(),
					this.duplicated.get(), this.reordered.get());
		}

	}

	/**
	 * Builds a {@link LossyUdpProxy}.
	 */
	public static final class Builder {

		private final InetSocketAddress server;

		private LinkConditions clientToServer = LinkConditions.PERFECT;

		private LinkConditions serverToClient = LinkConditions.PERFECT;

		private long seed = 1;

		private int maxClients = 1024;

		private InetSocketAddress bindAddress;

		private Builder(InetSocketAddress server) {
			this.server = Objects.requireNonNull(server, "server");
			this.bindAddress = new InetSocketAddress(server.getAddress(), 0);
		}

		public Builder clientToServer(LinkConditions conditions) {
			this.clientToServer = Objects.requireNonNull(conditions, "conditions");
			return this;
		}

		public Builder serverToClient(LinkConditions conditions) {
			this.serverToClient = Objects.requireNonNull(conditions, "conditions");
			return this;
		}

		/**
		 * Sets the same conditions in both directions.
		 */
		public Builder bothWays(LinkConditions conditions) {
			return clientToServer(conditions).serverToClient(conditions);
		}

		/**
		 * Sets the seed of the random decisions.
		 */
		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Sets how many clients the proxy serves; datagrams from further clients are ignored.
		 * Each client costs a socket and a thread.
		 */
		public Builder maxClients(int maxClients) {
			if (maxClients <= 0) {
				throw new IllegalArgumentException("maxClients must be positive, but was " + maxClients);
			}
			this.maxClients = maxClients;
			return this;
		}

		/**
		 * Sets where clients reach the proxy; by default a free port on the server's address.
		 */
		public Builder bindAddress(InetSocketAddress bindAddress) {
			this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
			return this;
		}

		/**
		 * Binds the proxy and starts forwarding.
		 * @throws IOException if the address cannot be bound
		 */
		public LossyUdpProxy start() throws IOException {
			return new LossyUdpProxy(this);
		}

	}

}
