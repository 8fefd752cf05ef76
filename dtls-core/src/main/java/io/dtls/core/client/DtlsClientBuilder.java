package io.dtls.core.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.record.HandshakeMessageGuard;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DtlsClient}.
 *
 * @since 0.1.0
 */
public final class DtlsClientBuilder {

	@Nullable X509Credentials credentials;

	@Nullable TrustMaterial trust;

	@Nullable PskIdentity pskIdentity;

	boolean verifyHostname = true;

	List<DtlsCipherSuite> cipherSuites = DtlsCipherSuite.defaults();

	@Nullable DtlsConnectionHandler handler;

	@Nullable Executor executor;

	@Nullable DtlsEventListener eventListener;

	Duration connectTimeout = Duration.ofSeconds(30);

	Duration handshakeAttemptTimeout = Duration.ofSeconds(15);

	Duration idleTimeout = Duration.ZERO;

	int maxDatagramSize = 1232;

	int inboundQueueCapacity = 256;

	int maxHandshakeMessageLength = HandshakeMessageGuard.DEFAULT_MAX_HANDSHAKE_MESSAGE_LENGTH;

	DtlsCryptoBackend cryptoBackend = DtlsCryptoBackend.HYBRID;

	boolean legacyDtls10;

	DtlsClientBuilder() {
	}

	/**
	 * Sets the trust material that server certificates are validated against.
	 */
	public DtlsClientBuilder trust(TrustMaterial trust) {
		this.trust = Objects.requireNonNull(trust, "trust");
		return this;
	}

	/**
	 * Sets the certificate and key sent when a server requests a client certificate.
	 */
	public DtlsClientBuilder credentials(X509Credentials credentials) {
		this.credentials = Objects.requireNonNull(credentials, "credentials");
		return this;
	}

	/**
	 * Sets the PSK identity and key, which enables the PSK suites.
	 */
	public DtlsClientBuilder pskIdentity(PskIdentity pskIdentity) {
		this.pskIdentity = Objects.requireNonNull(pskIdentity, "pskIdentity");
		return this;
	}

	/**
	 * Turns off the check that the server certificate names the host connected to. The chain is
	 * still validated against the trust material, but any certificate it trusts is accepted for
	 * any host, which lets a trusted certificate of another host impersonate the server.
	 */
	public DtlsClientBuilder insecureSkipHostnameVerification() {
		this.verifyHostname = false;
		return this;
	}

	public DtlsClientBuilder cipherSuites(List<DtlsCipherSuite> cipherSuites) {
		this.cipherSuites = List.copyOf(cipherSuites);
		return this;
	}

	/**
	 * Sets the cipher suites by IANA name, in order of preference.
	 * @throws DtlsConfigurationException if a name is not a supported suite
	 */
	public DtlsClientBuilder cipherSuites(String... names) {
		return cipherSuites(DtlsCipherSuite.forNames(Arrays.asList(names)));
	}

	/**
	 * Sets the handler that receives every connection's messages; without one, the application
	 * reads them with {@link io.dtls.core.DtlsConnection#receive(java.time.Duration)}.
	 */
	public DtlsClientBuilder handler(DtlsConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		return this;
	}

	/**
	 * Sets the executor that runs handler callbacks. The client does not shut it down.
	 */
	public DtlsClientBuilder executor(Executor executor) {
		this.executor = Objects.requireNonNull(executor, "executor");
		return this;
	}

	public DtlsClientBuilder eventListener(DtlsEventListener eventListener) {
		this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
		return this;
	}

	/**
	 * Sets the default time a connection attempt may take, handshake included.
	 */
	public DtlsClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
		return this;
	}

	/**
	 * Sets how long one handshake attempt may take before the client gives up on it and starts
	 * a fresh handshake from a new port, as long as the connect timeout allows. Retransmissions
	 * within one handshake back off up to a minute (RFC 6347 4.2.4.1), so on a lossy link a
	 * fresh attempt gets through sooner. Only attempts that time out are repeated; a handshake
	 * that fails with an alert fails the connection at once.
	 */
	public DtlsClientBuilder handshakeAttemptTimeout(Duration handshakeAttemptTimeout) {
		this.handshakeAttemptTimeout = Objects.requireNonNull(handshakeAttemptTimeout, "handshakeAttemptTimeout");
		return this;
	}

	/**
	 * Sets how long a connection may go without a datagram from the server before it is
	 * closed; {@link Duration#ZERO}, the default, keeps idle connections open.
	 */
	public DtlsClientBuilder idleTimeout(Duration idleTimeout) {
		this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
		return this;
	}

	public DtlsClientBuilder maxDatagramSize(int maxDatagramSize) {
		this.maxDatagramSize = maxDatagramSize;
		return this;
	}

	public DtlsClientBuilder inboundQueueCapacity(int inboundQueueCapacity) {
		this.inboundQueueCapacity = inboundQueueCapacity;
		return this;
	}

	public DtlsClientBuilder maxHandshakeMessageLength(int maxHandshakeMessageLength) {
		this.maxHandshakeMessageLength = maxHandshakeMessageLength;
		return this;
	}

	public DtlsClientBuilder cryptoBackend(DtlsCryptoBackend cryptoBackend) {
		this.cryptoBackend = Objects.requireNonNull(cryptoBackend, "cryptoBackend");
		return this;
	}

	/**
	 * Sets whether DTLS 1.0 (RFC 4347) is offered besides DTLS 1.2, for legacy servers only.
	 * With the default suites this also offers the CBC suites of {@link DtlsCipherSuite#legacy()},
	 * which DTLS 1.0 needs.
	 */
	public DtlsClientBuilder legacyDtls10(boolean legacyDtls10) {
		this.legacyDtls10 = legacyDtls10;
		return this;
	}

	/**
	 * Checks the settings and creates the client with its receive thread.
	 * @throws DtlsConfigurationException naming the first invalid setting
	 */
	public DtlsClient build() {
		if (this.trust == null && this.pskIdentity == null) {
			throw new DtlsConfigurationException(
					"No client credentials: set trust(...) to validate server certificates, or pskIdentity(...) for PSK suites");
		}
		if (this.cipherSuites.isEmpty()) {
			throw new DtlsConfigurationException("cipherSuites is empty; configure at least one cipher suite");
		}
		this.cipherSuites = DtlsCipherSuite.forVersions(this.cipherSuites, this.legacyDtls10);

		if (this.maxDatagramSize < 256 || this.maxDatagramSize > 65507) {
			throw new DtlsConfigurationException(
					"maxDatagramSize must be between 256 and 65507 bytes, but was " + this.maxDatagramSize);
		}
		if (this.inboundQueueCapacity <= 0) {
			throw new DtlsConfigurationException(
					"inboundQueueCapacity must be positive, but was " + this.inboundQueueCapacity);
		}
		if (this.connectTimeout.isNegative() || this.connectTimeout.isZero()) {
			throw new DtlsConfigurationException("connectTimeout must be positive, but was " + this.connectTimeout);
		}
		if (this.idleTimeout.isNegative()) {
			throw new DtlsConfigurationException("idleTimeout must not be negative, but was " + this.idleTimeout);
		}
		if (this.handshakeAttemptTimeout.toMillis() < 1000) {
			throw new DtlsConfigurationException(
					"handshakeAttemptTimeout must be at least 1 second, but was " + this.handshakeAttemptTimeout);
		}
		return new DtlsClient(this);
	}

}
