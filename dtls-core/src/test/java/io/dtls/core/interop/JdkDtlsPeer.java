package io.dtls.core.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import io.dtls.core.credentials.X509Credentials;

/**
 * A DTLS 1.2 peer built on the JDK's {@link SSLEngine} over a non-blocking
 * {@link DatagramChannel}, for interop tests against the engine. An {@code SSLEngine} only transforms
 * bytes, so this class runs the handshake loop: it sends each datagram that {@code wrap}
 * produces and feeds each received datagram to {@code unwrap}.
 */
final class JdkDtlsPeer implements AutoCloseable {

	/** The IPv6 minimum MTU of 1280 bytes less the IPv6 and UDP headers. */
	static final int MAX_PACKET_SIZE = 1232;

	/**
	 * How long to wait for the peer's next flight before the JDK resends its own. The JDK leaves
	 * this timer to the application.
	 */
	private static final Duration RETRANSMIT_INTERVAL = Duration.ofSeconds(1);

	private static final char[] KEY_STORE_PASSWORD = "jdk-interop".toCharArray();

	private final SSLEngine engine;

	private final DatagramChannel channel;

	private final Selector selector;

	private final ByteBuffer received;

	private final Deque<byte[]> applicationData = new ArrayDeque<>();

	private int datagramsSent;

	private int retransmissions;

	private boolean handshakeFinished;

	private JdkDtlsPeer(SSLEngine engine, DatagramChannel channel) throws IOException {
		this.engine = engine;
		this.channel = channel;
		this.selector = Selector.open();
		channel.configureBlocking(false);
		channel.register(this.selector, SelectionKey.OP_READ);
		this.received = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
	}

	/**
	 * Builds a DTLS 1.2 context from in-memory PKCS12 key stores.
	 * @param credentials the private key and certificate chain to present, or {@code null} for
	 * none
	 * @param trusted the certificate authority that peer certificates must chain to
	 */
	static SSLContext context(X509Credentials credentials, X509Certificate trusted) throws Exception {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		if (credentials != null) {
			keys.setKeyEntry("credentials", credentials.privateKey(), KEY_STORE_PASSWORD,
					credentials.certificateChain().toArray(X509Certificate[]::new));
		}
		keyManagers.init(keys, KEY_STORE_PASSWORD);

		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("root", trusted);
		trustManagers.init(trust);

		SSLContext context = SSLContext.getInstance("DTLSv1.2");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return context;
	}

	/**
	 * Opens a client channel to {@code server}. The JDK verifies that the server certificate
	 * names {@code hostname}, which it also sends as SNI.
	 */
	static JdkDtlsPeer client(SSLContext context, String hostname, InetSocketAddress server, String... cipherSuites)
			throws IOException {
		SSLEngine engine = context.createSSLEngine(hostname, server.getPort());
		engine.setUseClientMode(true);
		SSLParameters parameters = parameters(engine, cipherSuites);
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		engine.setSSLParameters(parameters);

		DatagramChannel channel = DatagramChannel.open();
		channel.bind(new InetSocketAddress(server.getAddress(), 0));
		channel.connect(server);
		return new JdkDtlsPeer(engine, channel);
	}

	/**
	 * Opens a server channel on an ephemeral port of {@code bindAddress}. The channel connects to
	 * the first client that sends a datagram during {@link #handshake}.
	 */
	static JdkDtlsPeer server(SSLContext context, InetSocketAddress bindAddress, boolean needClientAuth,
			String... cipherSuites) throws IOException {
		SSLEngine engine = context.createSSLEngine();
		engine.setUseClientMode(false);
		SSLParameters parameters = parameters(engine, cipherSuites);
		parameters.setNeedClientAuth(needClientAuth);
		engine.setSSLParameters(parameters);

		DatagramChannel channel = DatagramChannel.open();
		channel.bind(bindAddress);
		return new JdkDtlsPeer(engine, channel);
	}

	private static SSLParameters parameters(SSLEngine engine, String... cipherSuites) {
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setMaximumPacketSize(MAX_PACKET_SIZE);
		if (cipherSuites.length > 0) {
			parameters.setCipherSuites(cipherSuites);
		}
		return parameters;
	}

	InetSocketAddress localAddress() throws IOException {
		return (InetSocketAddress) this.channel.getLocalAddress();
	}

	SSLSession session() {
		return this.engine.getSession();
	}

	int datagramsSent() {
		return this.datagramsSent;
	}

	int retransmissions() {
		return this.retransmissions;
	}

	/**
	 * Runs the handshake until the engine reports it finished.
	 * @throws SSLException if the engine rejects the handshake
	 * @throws IllegalStateException if the handshake did not finish within {@code timeout}
	 */
	void handshake(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.engine.beginHandshake();
		HandshakeStatus status = this.engine.getHandshakeStatus();
		while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("DTLS handshake of the JDK " + role() + " timed out after "
						+ timeout + " in state " + status + ", after sending " + this.datagramsSent + " datagrams");
			}
			status = switch (status) {
				case NEED_WRAP -> wrapHandshake();
				case NEED_UNWRAP -> unwrapNextDatagram();
				case NEED_UNWRAP_AGAIN -> unwrap(ByteBuffer.allocate(0));
				case NEED_TASK -> runTasks();
				default -> throw new IllegalStateException("Unexpected handshake status " + status);
			};
		}
		this.handshakeFinished = true;
	}

	/**
	 * Sends {@code payload} as one application data record in one datagram.
	 */
	void send(byte[] payload) throws IOException {
		ByteBuffer packet = ByteBuffer.allocate(this.engine.getSession().getPacketBufferSize());
		SSLEngineResult result = this.engine.wrap(ByteBuffer.wrap(payload), packet);
		if (result.getStatus() != SSLEngineResult.Status.OK) {
			throw new SSLException("wrap of " + payload.length + " bytes of application data failed: " + result);
		}
		sendPacket(packet);
	}

	/**
	 * Waits for the next application data record and returns its payload, or {@code null} when
	 * none arrived within {@code timeout}. Handshake records that arrive meanwhile, such as a
	 * retransmitted final flight from the peer, go through the engine as well.
	 */
	byte[] receive(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.applicationData.isEmpty()) {
			long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
			if (remainingMillis <= 0 || !receiveDatagram(remainingMillis)) {
				return null;
			}
			HandshakeStatus status = unwrap(this.received);
			while (status == HandshakeStatus.NEED_WRAP || status == HandshakeStatus.NEED_TASK
					|| status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
				status = switch (status) {
					case NEED_WRAP -> wrapHandshake();
					case NEED_TASK -> runTasks();
					default -> unwrap(ByteBuffer.allocate(0));
				};
			}
		}
		return this.applicationData.poll();
	}

	/**
	 * Sends close_notify when the handshake finished, then closes the channel.
	 */
	@Override
	public void close() throws IOException {
		try {
			if (this.handshakeFinished && !this.engine.isOutboundDone()) {
				this.engine.closeOutbound();
				ByteBuffer packet = ByteBuffer.allocate(this.engine.getSession().getPacketBufferSize());
				this.engine.wrap(ByteBuffer.allocate(0), packet);
				sendPacket(packet);
			}
		}
		finally {
			this.selector.close();
			this.channel.close();
		}
	}

	private HandshakeStatus wrapHandshake() throws IOException {
		ByteBuffer packet = ByteBuffer.allocate(this.engine.getSession().getPacketBufferSize());
		SSLEngineResult result = this.engine.wrap(ByteBuffer.allocate(0), packet);
		if (result.getStatus() != SSLEngineResult.Status.OK) {
			throw new SSLException("wrap during the handshake failed: " + result);
		}
		sendPacket(packet);
		return result.getHandshakeStatus();
	}

	/**
	 * Waits one retransmission interval for a datagram and unwraps it. When none arrives, a
	 * {@code wrap} call in the state {@code NEED_UNWRAP} makes the JDK's DTLS engine resend its
	 * last flight, after which it reports {@code NEED_WRAP} until the whole flight is out.
	 */
	private HandshakeStatus unwrapNextDatagram() throws Exception {
		if (receiveDatagram(RETRANSMIT_INTERVAL.toMillis())) {
			return unwrap(this.received);
		}
		this.retransmissions++;
		return wrapHandshake();
	}

	private HandshakeStatus unwrap(ByteBuffer datagram) throws SSLException {
		ByteBuffer plaintext = ByteBuffer.allocate(this.engine.getSession().getApplicationBufferSize());
		SSLEngineResult result = this.engine.unwrap(datagram, plaintext);
		if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
			throw new SSLException("The peer closed the DTLS connection: " + result);
		}
		if (result.getStatus() != SSLEngineResult.Status.OK) {
			throw new SSLException("unwrap failed: " + result);
		}
		if (result.bytesProduced() > 0) {
			plaintext.flip();
			byte[] payload = new byte[plaintext.remaining()];
			plaintext.get(payload);
			this.applicationData.add(payload);
		}
		return result.getHandshakeStatus();
	}

	private HandshakeStatus runTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
		return this.engine.getHandshakeStatus();
	}

	/**
	 * Waits up to {@code timeoutMillis} for a datagram and leaves it in {@link #received}. An
	 * unconnected server channel connects to the sender of the first datagram.
	 * @return whether a datagram arrived
	 */
	private boolean receiveDatagram(long timeoutMillis) throws IOException {
		if (this.selector.select(Math.max(1, timeoutMillis)) == 0) {
			return false;
		}
		this.selector.selectedKeys().clear();
		this.received.clear();
		SocketAddress sender = this.channel.receive(this.received);
		if (sender == null) {
			return false;
		}
		if (!this.channel.isConnected()) {
			this.channel.connect(sender);
		}
		this.received.flip();
		return true;
	}

	private void sendPacket(ByteBuffer packet) throws IOException {
		packet.flip();
		if (!packet.hasRemaining()) {
			return;
		}
		if (!this.channel.isConnected()) {
			throw new IllegalStateException("The JDK " + role() + " has no peer address to send "
					+ packet.remaining() + " bytes to");
		}
		this.channel.write(packet);
		this.datagramsSent++;
	}

	private String role() {
		return this.engine.getUseClientMode() ? "client" : "server";
	}

	@Override
	public String toString() {
		return "JDK " + role() + " " + Arrays.toString(this.engine.getEnabledProtocols()) + ", sent "
				+ this.datagramsSent + " datagrams, " + this.retransmissions + " retransmission timeouts";
	}

}
