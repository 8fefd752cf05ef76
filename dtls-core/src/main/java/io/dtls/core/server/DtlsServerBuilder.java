package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.PskStore;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.ConnectedDemultiplexer;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.record.HandshakeMessageGuard;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DtlsServer}. Every limit has a default suited to a server with thousands of
 * peers; {@link #build()} checks the settings and names the one that is invalid.
 *
 * @since 0.1.0
 */
public final class DtlsServerBuilder {

	/** The IANA port of CoAP over DTLS (RFC 7252 12.7). */
	public static final int DEFAULT_PORT = 5684;

	/** The IPv6 minimum MTU (1280) less the IPv6 (40) and UDP (8) headers. */
	public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1232;

	InetSocketAddress bindAddress = new InetSocketAddress(DEFAULT_PORT);

	@Nullable Supplier<X509Credentials> credentials;

	@Nullable TrustMaterial trust;

	ClientAuth clientAuth = ClientAuth.NONE;

	@Nullable PskStore pskStore;

	@Nullable String pskIdentityHint;

	List<DtlsCipherSuite> cipherSuites = DtlsCipherSuite.defaults();

	@Nullable DtlsConnectionHandler handler;

	@Nullable Executor executor;

	@Nullable DtlsEventListener eventListener;

	int maxConnections = 10_000;

	MaxConnectionsPolicy maxConnectionsPolicy = MaxConnectionsPolicy.REJECT_NEW;

	int maxHandshakes = 64;

	int maxHandshakesPerAddress = 8;

	Duration handshakeTimeout = Duration.ofSeconds(30);

	Duration handshakeStallTimeout = Duration.ofSeconds(5);

	Duration idleTimeout = Duration.ofMinutes(10);

	int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;

	int inboundQueueCapacity = 256;

	int handshakeQueueCapacity = 64;

	int acceptBacklog = 128;

	Duration cookieSecretRotation = Duration.ofMinutes(5);

	int maxHandshakeMessageLength = HandshakeMessageGuard.DEFAULT_MAX_HANDSHAKE_MESSAGE_LENGTH;

	DtlsCryptoBackend cryptoBackend = DtlsCryptoBackend.HYBRID;

	boolean legacyDtls10;

	DemuxMode demux = DemuxMode.AUTO;

	DtlsServerBuilder() {
	}

	/**
	 * Sets the port to bind on the dual-stack wildcard address; 0 picks a free port.
	 */
	public DtlsServerBuilder port(int port) {
		if (port < 0 || port > 65535) {
			throw new DtlsConfigurationException("port must be between 0 and 65535, but was " + port);
		}
		return bindAddress(new InetSocketAddress(port));
	}

	/**
	 * Sets the address and port to bind: an IPv4 or IPv6 address, or a wildcard (IPv4
	 * {@code 0.0.0.0}, or {@code ::} for both families on dual-stack systems).
	 */
	public DtlsServerBuilder bindAddress(InetSocketAddress bindAddress) {
		this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
		return this;
	}

	/**
	 * Sets the certificate chain and private key the server presents.
	 */
	public DtlsServerBuilder credentials(X509Credentials credentials) {
		Objects.requireNonNull(credentials, "credentials");
		this.credentials = () -> credentials;
		return this;
	}

	/**
	 * Sets a source of credentials consulted at the start of every handshake, so that new
	 * handshakes use renewed credentials while established connections keep their session.
	 */
	public DtlsServerBuilder credentials(Supplier<X509Credentials> credentials) {
		this.credentials = Objects.requireNonNull(credentials, "credentials");
		return this;
	}

	/**
	 * Sets the trust material for client certificates.
	 */
	public DtlsServerBuilder trust(TrustMaterial trust) {
		this.trust = Objects.requireNonNull(trust, "trust");
		return this;
	}

	public DtlsServerBuilder clientAuth(ClientAuth clientAuth) {
		this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
		return this;
	}

	/**
	 * Sets the lookup of pre-shared keys by identity, which enables the PSK suites.
	 */
	public DtlsServerBuilder pskStore(PskStore pskStore) {
		this.pskStore = Objects.requireNonNull(pskStore, "pskStore");
		return this;
	}

	/**
	 * Sets the identity hint sent to PSK clients (RFC 4279 2).
	 */
	public DtlsServerBuilder pskIdentityHint(@Nullable String pskIdentityHint) {
		this.pskIdentityHint = pskIdentityHint;
		return this;
	}

	public DtlsServerBuilder cipherSuites(List<DtlsCipherSuite> cipherSuites) {
		this.cipherSuites = List.copyOf(cipherSuites);
		return this;
	}

	/**
	 * Sets the cipher suites by IANA name, in order of preference.
	 * @throws DtlsConfigurationException if a name is not a supported suite
	 */
	public DtlsServerBuilder cipherSuites(String... names) {
		return cipherSuites(DtlsCipherSuite.forNames(Arrays.asList(names)));
	}

	/**
	 * Sets the handler that receives every connection's messages. Without one, the application
	 * takes connections with {@link DtlsServer#accept(Duration)} and messages with
	 * {@link io.dtls.core.DtlsConnection#receive(Duration)}.
	 */
	public DtlsServerBuilder handler(DtlsConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		return this;
	}

	/**
	 * Sets the executor that runs handler callbacks. The server does not shut it down. Without
	 * one, the server runs a pool with one thread per available processor, at least two.
	 */
	public DtlsServerBuilder executor(Executor executor) {
		this.executor = Objects.requireNonNull(executor, "executor");
		return this;
	}

	public DtlsServerBuilder eventListener(DtlsEventListener eventListener) {
		this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
		return this;
	}

	public DtlsServerBuilder maxConnections(int maxConnections, MaxConnectionsPolicy policy) {
		this.maxConnections = maxConnections;
		this.maxConnectionsPolicy = Objects.requireNonNull(policy, "policy");
		return this;
	}

	/**
	 * Sets how many handshakes may run at once, each on a thread of its own.
	 */
	public DtlsServerBuilder maxHandshakes(int maxHandshakes) {
		this.maxHandshakes = maxHandshakes;
		return this;
	}

	public DtlsServerBuilder maxHandshakesPerAddress(int maxHandshakesPerAddress) {
		this.maxHandshakesPerAddress = maxHandshakesPerAddress;
		return this;
	}

	public DtlsServerBuilder handshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
		return this;
	}

	/**
	 * Sets how long a handshake may go without a datagram from its peer before it counts as
	 * stalled. While every handshake slot is taken, a new peer's ClientHello cancels the
	 * handshake that has been stalled longest; the new peer's retransmission then gets the
	 * freed slot. Legitimate peers retransmit within seconds (RFC 6347 4.2.4), so only peers
	 * that went silent lose their slot, and only when slots run out.
	 */
	public DtlsServerBuilder handshakeStallTimeout(Duration handshakeStallTimeout) {
		this.handshakeStallTimeout = Objects.requireNonNull(handshakeStallTimeout, "handshakeStallTimeout");
		return this;
	}

	/**
	 * Sets how long a connection may go without a datagram from its peer before it is closed;
	 * {@link Duration#ZERO} keeps idle connections open.
	 */
	public DtlsServerBuilder idleTimeout(Duration idleTimeout) {
		this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
		return this;
	}

	/**
	 * Sets the largest datagram, in bytes, the server sends or accepts. Handshake messages are
	 * fragmented to fit, and application payloads must fit in one record within it.
	 */
	public DtlsServerBuilder maxDatagramSize(int maxDatagramSize) {
		this.maxDatagramSize = maxDatagramSize;
		return this;
	}

	/**
	 * Sets how many received messages a connection keeps queued before it drops more.
	 */
	public DtlsServerBuilder inboundQueueCapacity(int inboundQueueCapacity) {
		this.inboundQueueCapacity = inboundQueueCapacity;
		return this;
	}

	/**
	 * Sets how many established connections wait for {@link DtlsServer#accept} before new ones
	 * are closed.
	 */
	public DtlsServerBuilder acceptBacklog(int acceptBacklog) {
		this.acceptBacklog = acceptBacklog;
		return this;
	}

	public DtlsServerBuilder cookieSecretRotation(Duration cookieSecretRotation) {
		this.cookieSecretRotation = Objects.requireNonNull(cookieSecretRotation, "cookieSecretRotation");
		return this;
	}

	/**
	 * Sets the longest handshake message, in bytes, a peer may declare; longer fragments are
	 * dropped before Bouncy Castle allocates for them.
	 */
	public DtlsServerBuilder maxHandshakeMessageLength(int maxHandshakeMessageLength) {
		this.maxHandshakeMessageLength = maxHandshakeMessageLength;
		return this;
	}

	public DtlsServerBuilder cryptoBackend(DtlsCryptoBackend cryptoBackend) {
		this.cryptoBackend = Objects.requireNonNull(cryptoBackend, "cryptoBackend");
		return this;
	}

	/**
	 * Sets whether DTLS 1.0 (RFC 4347) is accepted besides DTLS 1.2. DTLS 1.0 is obsolete
	 * (RFC 8996); enable it only for legacy devices. DTLS 1.0 cannot use AEAD suites, so with
	 * the default suites this also enables the CBC suites of {@link DtlsCipherSuite#legacy()}.
	 */
	public DtlsServerBuilder legacyDtls10(boolean legacyDtls10) {
		this.legacyDtls10 = legacyDtls10;
		return this;
	}

	/**
	 * Sets how datagrams reach their peer's state: {@link DemuxMode#ROUTER},
	 * {@link DemuxMode#CONNECTED} (Linux), or {@link DemuxMode#AUTO}, the default, which picks
	 * {@code CONNECTED} where the platform supports it.
	 */
	public DtlsServerBuilder demux(DemuxMode demux) {
		this.demux = Objects.requireNonNull(demux, "demux");
		return this;
	}

	/**
	 * Checks the settings and creates the server, which binds on {@link DtlsServer#start()}.
	 * @throws DtlsConfigurationException naming the first invalid setting
	 */
	public DtlsServer build() {
		if (this.credentials == null && this.pskStore == null) {
			throw new DtlsConfigurationException(
					"No server credentials: set credentials(...) for certificate suites or pskStore(...) for PSK suites");
		}
		if (this.clientAuth != ClientAuth.NONE && this.trust == null) {
			throw new DtlsConfigurationException(
					"clientAuth " + this.clientAuth + " needs trust material to validate client certificates; set trust(...)");
		}
		if (this.cipherSuites.isEmpty()) {
			throw new DtlsConfigurationException("cipherSuites is empty; configure at least one cipher suite");
		}
		this.cipherSuites = DtlsCipherSuite.forVersions(this.cipherSuites, this.legacyDtls10);

		requirePositive("maxConnections", this.maxConnections);
		requirePositive("maxHandshakes", this.maxHandshakes);
		requirePositive("maxHandshakesPerAddress", this.maxHandshakesPerAddress);
		requirePositive("inboundQueueCapacity", this.inboundQueueCapacity);
		requirePositive("acceptBacklog", this.acceptBacklog);
		if (this.maxDatagramSize < 256 || this.maxDatagramSize > 65507) {
			throw new DtlsConfigurationException("maxDatagramSize must be between 256 and 65507 bytes, but was "
					+ this.maxDatagramSize);
		}
		if (this.handshakeTimeout.isNegative() || this.handshakeTimeout.isZero()
				|| this.handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new DtlsConfigurationException(
					"handshakeTimeout must be positive and finite, but was " + this.handshakeTimeout);
		}
		if (this.handshakeStallTimeout.toMillis() < 100) {
			throw new DtlsConfigurationException(
					"handshakeStallTimeout must be at least 100 ms, but was " + this.handshakeStallTimeout);
		}
		if (this.idleTimeout.isNegative()) {
			throw new DtlsConfigurationException("idleTimeout must not be negative, but was " + this.idleTimeout
					+ "; use Duration.ZERO to keep idle connections open");
		}
		if (this.cookieSecretRotation.toMillis() < 1000) {
			throw new DtlsConfigurationException(
					"cookieSecretRotation must be at least 1 second, but was " + this.cookieSecretRotation);
		}
		if (this.maxHandshakeMessageLength < 1024) {
			throw new DtlsConfigurationException("maxHandshakeMessageLength must be at least 1024 bytes, but was "
					+ this.maxHandshakeMessageLength);
		}
		if (this.demux == DemuxMode.CONNECTED && !ConnectedDemultiplexer.isSupported()) {
			throw new DtlsConfigurationException("demux CONNECTED needs Linux, which routes datagrams to connected"
					+ " sockets, but this is " + System.getProperty("os.name") + "; use ROUTER or AUTO");
		}
		return new DtlsServer(this);
	}

	private static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw new DtlsConfigurationException(name + " must be positive, but was " + value);
		}
	}

}
