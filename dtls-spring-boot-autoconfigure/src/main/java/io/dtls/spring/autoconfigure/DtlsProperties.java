package io.dtls.spring.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.server.MaxConnectionsPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the DTLS server, the client connections made by
 * {@code DtlsTemplate}, the threads that run listeners, and observations.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("dtls")
public class DtlsProperties {

	private final Server server = new Server();

	private final Client client = new Client();

	private final Listener listener = new Listener();

	private final Template template = new Template();

	public Server getServer() {
		return this.server;
	}

	public Client getClient() {
		return this.client;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Template getTemplate() {
		return this.template;
	}

	/**
	 * Settings of the auto-configured server.
	 */
	public static class Server {

		/**
		 * Whether to start a DTLS server.
		 */
		private boolean enabled = true;

		/**
		 * UDP port of the server. 5684 is the IANA port of CoAP over DTLS; 0 picks a free
		 * port.
		 */
		private int port = 5684;

		/**
		 * Address to bind to. Unset binds the wildcard address, which serves IPv4 and IPv6
		 * on dual-stack systems.
		 */
		private @Nullable InetAddress address;

		/**
		 * Demultiplexer that routes datagrams to their peer's state. 'router' reads all peers
		 * from one socket and routes them in the JVM. 'connected' gives each peer a socket
		 * connected to it, so the kernel routes its datagrams (Linux only, a file descriptor
		 * per peer). 'auto' picks 'connected' on Linux and 'router' elsewhere.
		 */
		private DemuxMode demux = DemuxMode.AUTO;

		private final ServerSsl ssl = new ServerSsl();

		private final Psk psk = new Psk();

		/**
		 * Whether clients must present a certificate: 'none', 'want' (requested, optional)
		 * or 'need' (handshake fails without a valid one). 'want' and 'need' validate client
		 * certificates against the trust material of the SSL bundle.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/**
		 * Cipher suites by IANA name, in order of preference. Unset uses the engine's AEAD
		 * defaults.
		 */
		private List<String> cipherSuites = new ArrayList<>();

		/**
		 * Maximum number of established connections.
		 */
		private int maxConnections = 10_000;

		/**
		 * Policy for a new peer at the connection limit. 'reject-new' drops its handshake.
		 * 'evict-least-recently-active' closes the longest-idle connection once the new
		 * handshake completes.
		 */
		private MaxConnectionsPolicy maxConnectionsPolicy = MaxConnectionsPolicy.REJECT_NEW;

		/**
		 * Maximum number of handshakes in progress at once; each takes a thread.
		 */
		private int maxHandshakes = 64;

		/**
		 * Maximum number of handshakes in progress from one IP address.
		 */
		private int handshakesPerAddress = 8;

		/**
		 * Maximum duration of one handshake.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(30);

		/**
		 * Time without datagrams from a peer after which its connection is closed. 0 keeps
		 * idle connections open.
		 */
		private Duration idleTimeout = Duration.ofMinutes(10);

		/**
		 * Largest datagram sent or accepted. The default, 1232 bytes, fits the IPv6 minimum
		 * MTU of 1280 bytes less the IPv6 and UDP headers.
		 */
		private DataSize maxDatagramSize = DataSize.ofBytes(1232);

		/**
		 * Received messages per connection that may wait for a listener; more are dropped
		 * and counted.
		 */
		private int inboundQueueCapacity = 256;

		/**
		 * Maximum handshake message length a peer may declare. Fragments that declare more
		 * are dropped.
		 */
		private DataSize maxHandshakeMessageSize = DataSize.ofKilobytes(64);

		/**
		 * How often the secret of the stateless cookie exchange changes.
		 */
		private Duration cookieSecretRotation = Duration.ofMinutes(5);

		/**
		 * Implementation of the cryptography: 'hybrid' (Bouncy Castle for key exchange and
		 * signatures, the JCA for AES-GCM records), 'jca' or 'bc'.
		 */
		private DtlsCryptoBackend cryptoBackend = DtlsCryptoBackend.HYBRID;

		/**
		 * Whether to accept DTLS 1.0 besides DTLS 1.2. DTLS 1.0 is obsolete (RFC 8996);
		 * enable it only for legacy devices.
		 */
		private boolean legacyDtls10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public DemuxMode getDemux() {
			return this.demux;
		}

		public void setDemux(DemuxMode demux) {
			this.demux = demux;
		}

		public ServerSsl getSsl() {
			return this.ssl;
		}

		public Psk getPsk() {
			return this.psk;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public List<String> getCipherSuites() {
			return this.cipherSuites;
		}

		public void setCipherSuites(List<String> cipherSuites) {
			this.cipherSuites = cipherSuites;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public MaxConnectionsPolicy getMaxConnectionsPolicy() {
			return this.maxConnectionsPolicy;
		}

		public void setMaxConnectionsPolicy(MaxConnectionsPolicy maxConnectionsPolicy) {
			this.maxConnectionsPolicy = maxConnectionsPolicy;
		}

		public int getMaxHandshakes() {
			return this.maxHandshakes;
		}

		public void setMaxHandshakes(int maxHandshakes) {
			this.maxHandshakes = maxHandshakes;
		}

		public int getHandshakesPerAddress() {
			return this.handshakesPerAddress;
		}

		public void setHandshakesPerAddress(int handshakesPerAddress) {
			this.handshakesPerAddress = handshakesPerAddress;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public DataSize getMaxDatagramSize() {
			return this.maxDatagramSize;
		}

		public void setMaxDatagramSize(DataSize maxDatagramSize) {
			this.maxDatagramSize = maxDatagramSize;
		}

		public int getInboundQueueCapacity() {
			return this.inboundQueueCapacity;
		}

		public void setInboundQueueCapacity(int inboundQueueCapacity) {
			this.inboundQueueCapacity = inboundQueueCapacity;
		}

		public DataSize getMaxHandshakeMessageSize() {
			return this.maxHandshakeMessageSize;
		}

		public void setMaxHandshakeMessageSize(DataSize maxHandshakeMessageSize) {
			this.maxHandshakeMessageSize = maxHandshakeMessageSize;
		}

		public Duration getCookieSecretRotation() {
			return this.cookieSecretRotation;
		}

		public void setCookieSecretRotation(Duration cookieSecretRotation) {
			this.cookieSecretRotation = cookieSecretRotation;
		}

		public DtlsCryptoBackend getCryptoBackend() {
			return this.cryptoBackend;
		}

		public void setCryptoBackend(DtlsCryptoBackend cryptoBackend) {
			this.cryptoBackend = cryptoBackend;
		}

		public boolean isLegacyDtls10() {
			return this.legacyDtls10;
		}

		public void setLegacyDtls10(boolean legacyDtls10) {
			this.legacyDtls10 = legacyDtls10;
		}

	}

	/**
	 * Settings of the client connections that {@code DtlsTemplate} opens to remote servers.
	 */
	public static class Client {

		private final Ssl ssl = new Ssl();

		private final ClientPsk psk = new ClientPsk();

		/**
		 * Maximum time to connect to a server, handshake included.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Time without datagrams from a server after which a cached client connection is
		 * closed. 0 keeps it open.
		 */
		private Duration idleTimeout = Duration.ofMinutes(5);

		/**
		 * Whether to skip checking that a server certificate names the host connected to.
		 * The chain is still validated against the trust material, but a trusted
		 * certificate of any host is accepted, so leave this off outside tests.
		 */
		private boolean insecureSkipHostnameVerification;

		/**
		 * Cipher suites to offer, by IANA name. Unset uses the engine's AEAD defaults.
		 */
		private List<String> cipherSuites = new ArrayList<>();

		/**
		 * Largest datagram sent or accepted by client connections.
		 */
		private DataSize maxDatagramSize = DataSize.ofBytes(1232);

		public Ssl getSsl() {
			return this.ssl;
		}

		public ClientPsk getPsk() {
			return this.psk;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public boolean isInsecureSkipHostnameVerification() {
			return this.insecureSkipHostnameVerification;
		}

		public void setInsecureSkipHostnameVerification(boolean insecureSkipHostnameVerification) {
			this.insecureSkipHostnameVerification = insecureSkipHostnameVerification;
		}

		public List<String> getCipherSuites() {
			return this.cipherSuites;
		}

		public void setCipherSuites(List<String> cipherSuites) {
			this.cipherSuites = cipherSuites;
		}

		public DataSize getMaxDatagramSize() {
			return this.maxDatagramSize;
		}

		public void setMaxDatagramSize(DataSize maxDatagramSize) {
			this.maxDatagramSize = maxDatagramSize;
		}

	}

	/**
	 * Key material from a Spring Boot SSL bundle.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle ('spring.ssl.bundle.pem.*' or 'spring.ssl.bundle.jks.*')
		 * holding the certificate and key presented to peers and the trust material used to
		 * validate theirs.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Key material of the server from a Spring Boot SSL bundle, or a development certificate.
	 */
	public static class ServerSsl extends Ssl {

		/**
		 * Whether to present an ephemeral self-signed certificate, generated at start-up,
		 * when no SSL bundle is set. Unset generates one only when no pre-shared keys are
		 * configured either. For development only: peers cannot validate it.
		 */
		private @Nullable Boolean selfSigned;

		public @Nullable Boolean getSelfSigned() {
			return this.selfSigned;
		}

		public void setSelfSigned(@Nullable Boolean selfSigned) {
			this.selfSigned = selfSigned;
		}

	}

	/**
	 * Pre-shared keys accepted by the server.
	 */
	public static class Psk {

		/**
		 * Pre-shared keys by identity. A key is written as 'hex:...', 'base64:...' or plain
		 * text, which is taken as its UTF-8 bytes.
		 */
		private Map<String, String> identities = new LinkedHashMap<>();

		/**
		 * Identity hint sent to PSK clients.
		 */
		private @Nullable String identityHint;

		public Map<String, String> getIdentities() {
			return this.identities;
		}

		public void setIdentities(Map<String, String> identities) {
			this.identities = identities;
		}

		public @Nullable String getIdentityHint() {
			return this.identityHint;
		}

		public void setIdentityHint(@Nullable String identityHint) {
			this.identityHint = identityHint;
		}

	}

	/**
	 * The pre-shared key a client presents.
	 */
	public static class ClientPsk {

		/**
		 * PSK identity sent to servers.
		 */
		private @Nullable String identity;

		/**
		 * Pre-shared key, written as 'hex:...', 'base64:...' or plain text (its UTF-8
		 * bytes).
		 */
		private @Nullable String key;

		public @Nullable String getIdentity() {
			return this.identity;
		}

		public void setIdentity(@Nullable String identity) {
			this.identity = identity;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

	}

	/**
	 * Settings of listener method calls: the threads that run them and their observation.
	 */
	public static class Listener {

		/**
		 * Number of platform threads that run listener methods, when virtual threads are not
		 * enabled ('spring.threads.virtual.enabled'). Unset uses one per available
		 * processor, at least 2. Messages of one peer run one at a time whatever the number.
		 */
		private @Nullable Integer threads;

		/**
		 * Whether to record a Micrometer observation of each listener method call. Needs an
		 * ObservationRegistry bean.
		 */
		private boolean observationEnabled;

		public @Nullable Integer getThreads() {
			return this.threads;
		}

		public void setThreads(@Nullable Integer threads) {
			this.threads = threads;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

	/**
	 * Settings of {@code DtlsTemplate}.
	 */
	public static class Template {

		/**
		 * Whether to record a Micrometer observation of each send. Needs an
		 * ObservationRegistry bean.
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}
}
