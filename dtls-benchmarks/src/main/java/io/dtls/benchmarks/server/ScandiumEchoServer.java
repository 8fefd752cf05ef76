package io.dtls.benchmarks.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;

import io.dtls.core.credentials.X509Credentials;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

/**
 * Eclipse Californium Scandium 3.14.0's {@code DTLSConnector} with an echo receiver, on its
 * default threads (one receiver, one connector thread) and with the same two suites and
 * datagram size as the engine.
 */
final class ScandiumEchoServer implements BenchmarkServer {

	private final DTLSConnector connector;

	private final MessageCounter counter = new MessageCounter();

	ScandiumEchoServer(InetSocketAddress bindAddress, X509Credentials credentials) {
		Configuration configuration = new Configuration(SystemConfig.DEFINITIONS, UdpConfig.DEFINITIONS,
				DtlsConfig.DEFINITIONS);
		DtlsConnectorConfig config = DtlsConnectorConfig.builder(configuration)
			.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
			.set(DtlsConfig.DTLS_MAX_TRANSMISSION_UNIT, EngineEchoServer.MAX_DATAGRAM_SIZE)
			.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE)
			.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
					CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
			.setAddress(bindAddress)
			.setCertificateIdentityProvider(new SingleCertificateProvider(credentials.privateKey(),
					credentials.certificateChain().toArray(X509Certificate[]::new), CertificateType.X_509))
			.setAdvancedPskStore(new AdvancedSinglePskStore(BenchmarkKeys.PSK_IDENTITY, BenchmarkKeys.psk()))
			.build();
		this.connector = new DTLSConnector(config);
		this.connector.setRawDataReceiver(this::onReceive);
		try {
			this.connector.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void onReceive(RawData data) {
		byte[] payload = data.getBytes();
		if (this.counter.received(payload.length)) {
			this.connector.send(RawData.outbound(payload, data.getEndpointContext(), null, false));
		}
	}

	@Override
	public int port() {
		return this.connector.getAddress().getPort();
	}

	@Override
	public MessageCounter counter() {
		return this.counter;
	}

	@Override
	public void close() {
		this.connector.destroy();
	}

}
