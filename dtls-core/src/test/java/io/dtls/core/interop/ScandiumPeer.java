package io.dtls.core.interop;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.dtls.core.credentials.X509Credentials;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.jspecify.annotations.Nullable;

/**
 * A {@code DTLSConnector} of Eclipse Californium Scandium 3.14.0 for the interop tests, which
 * queues every message it receives.
 */
final class ScandiumPeer implements AutoCloseable {

	/**
	 * The IPv6 minimum MTU, in bytes. Without it, Scandium 3.14.0 detects the MTU of the local
	 * interface, capped at the Ethernet MTU of 1500 bytes, so its datagrams could exceed the
	 * engine's default maxDatagramSize of 1232 bytes.
	 */
	private static final int MTU = 1280;

	private final DTLSConnector connector;

	private final LinkedBlockingQueue<RawData> received = new LinkedBlockingQueue<>();

	private ScandiumPeer(DTLSConnector connector) {
		this.connector = connector;
	}

	/**
	 * Returns a configuration for one role and one cipher suite on an ephemeral port of the
	 * address {@code host}.
	 */
	static DtlsConnectorConfig.Builder config(DtlsRole role, String host, InteropSuite suite) {
		Configuration configuration = new Configuration(SystemConfig.DEFINITIONS, UdpConfig.DEFINITIONS,
				DtlsConfig.DEFINITIONS);
		return DtlsConnectorConfig.builder(configuration)
			.set(DtlsConfig.DTLS_ROLE, role)
			.set(DtlsConfig.DTLS_MAX_TRANSMISSION_UNIT, MTU)
			.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.getTypeByName(suite.ianaName()))
			.setAddress(new InetSocketAddress(host, 0));
	}

	static SingleCertificateProvider certificateProvider(X509Credentials credentials) {
		return new SingleCertificateProvider(credentials.privateKey(),
				credentials.certificateChain().toArray(X509Certificate[]::new), CertificateType.X_509);
	}

	static NewAdvancedCertificateVerifier trust(X509Certificate root) {
		return StaticNewAdvancedCertificateVerifier.builder().setTrustedCertificates(root).build();
	}

	static ScandiumPeer start(DtlsConnectorConfig.Builder config) throws Exception {
		ScandiumPeer peer = new ScandiumPeer(new DTLSConnector(config.build()));
		peer.connector.setRawDataReceiver(peer.received::add);
		peer.connector.start();
		return peer;
	}

	InetSocketAddress address() {
		return this.connector.getAddress();
	}

	/**
	 * Sends {@code payload} to the peer of {@code context}. A client connector starts a
	 * handshake first when it has no session with that peer.
	 */
	void send(byte[] payload, EndpointContext context) {
		this.connector.send(RawData.outbound(payload, context, null, false));
	}

	/**
	 * Returns the next message received within {@code timeout}, or {@code null}.
	 */
	@Nullable RawData receive(Duration timeout) throws InterruptedException {
		return this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns the IANA name of the cipher suite of the session that {@code message} came over.
	 */
	static String cipherSuite(RawData message) {
		return message.getEndpointContext().getString(DtlsEndpointContext.KEY_CIPHER);
	}

	@Override
	public void close() {
		this.connector.destroy();
	}

}
