package io.dtls.core.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TestPki;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's client against a server {@code DTLSConnector} of Eclipse Californium Scandium
 * 3.14.0. Every test runs with the server on 127.0.0.1 and on ::1, and the client connects to
 * that address literal, which the server certificates name.
 */
@ParameterizedClass(name = "{0}")
@ExtendWith(RunNameOnFailure.class)
@ValueSource(strings = { "127.0.0.1", "::1" })
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropScandiumServerTest {

	private static final TestPki pki = TestPki.create("scandium-server-test-root");

	private static final byte[] PSK = "scandium-server-key".getBytes(StandardCharsets.US_ASCII);

	/** Generous, so that the tests also pass on a loaded 2-core machine. */
	private static final Duration DEADLINE = Duration.ofSeconds(30);

	@Parameter
	String host;

	private DtlsClient client;

	private ScandiumPeer scandium;

	@AfterEach
	void stop() throws Exception {
		try {
			if (this.scandium != null) {
				this.scandium.close();
			}
		}
		finally {
			if (this.client != null) {
				this.client.close();
			}
		}
	}

	// Scandium 3.14.0 has no ChaCha20-Poly1305 cipher suites.
	@ParameterizedTest(name = "{0}")
	@EnumSource(value = InteropSuite.class, mode = EnumSource.Mode.EXCLUDE, names = "ECDHE_PSK_CHACHA20")
	void cipherSuite(InteropSuite suite) throws Exception {
		DtlsConnectorConfig.Builder config = ScandiumPeer.config(DtlsRole.SERVER_ONLY, this.host, suite);
		if (suite.usesPsk()) {
			config.setAdvancedPskStore(new AdvancedSinglePskStore(InteropSuite.PSK_IDENTITY, PSK));
		}
		else {
			config.setCertificateIdentityProvider(ScandiumPeer.certificateProvider(suite.serverCredentials(pki)))
				.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
		}
		this.scandium = ScandiumPeer.start(config);
		DtlsConnection connection = connect(suite.configure(DtlsClient.builder(), pki, PSK));

		RawData atScandium = assertExchange(connection, "hello to Scandium over " + suite);
		assertCipherSuite(connection, atScandium, suite);
	}

	@Test
	void largeCertificateChain() throws Exception {
		// Scandium splits its Certificate message into fragments that fit its MTU, and the
		// engine reassembles them.
		X509Credentials large = LargeChain.issue(pki);
		this.scandium = ScandiumPeer.start(
				ScandiumPeer.config(DtlsRole.SERVER_ONLY, this.host, InteropSuite.ECDHE_RSA_AES_256_GCM)
					.setCertificateIdentityProvider(ScandiumPeer.certificateProvider(large))
					.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE));
		DtlsConnection connection = connect(DtlsClient.builder().trust(pki.trust()));

		RawData atScandium = assertExchange(connection, "hello to Scandium after a fragmented certificate chain");
		assertCipherSuite(connection, atScandium, InteropSuite.ECDHE_RSA_AES_256_GCM);
		// Scandium 3.14.0 leaves a self-signed root out of the chain it sends.
		LargeChain.assertReceived(this.client, connection, 1);
	}

	@Test
	void clientCertificate() throws Exception {
		this.scandium = ScandiumPeer
			.start(ScandiumPeer.config(DtlsRole.SERVER_ONLY, this.host, InteropSuite.ECDHE_ECDSA_AES_128_CCM_8)
				.setCertificateIdentityProvider(ScandiumPeer.certificateProvider(pki.server(false)))
				.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
				.setAdvancedCertificateVerifier(ScandiumPeer.trust(pki.root())));
		DtlsConnection connection = connect(
				DtlsClient.builder().trust(pki.trust()).credentials(pki.client("device-8")));

		RawData atScandium = assertExchange(connection, "hello to Scandium with a client certificate");
		assertThat(atScandium.getEndpointContext().getPeerIdentity().getName()).isEqualTo("CN=device-8");
	}

	private DtlsConnection connect(DtlsClientBuilder builder) {
		this.client = builder.connectTimeout(DEADLINE).build();
		return this.client.connect(this.host, this.scandium.address().getPort());
	}

	/**
	 * Sends {@code text} from the engine client to the Scandium server, replies from Scandium and
	 * checks the reply. Returns the message as Scandium received it.
	 */
	private RawData assertExchange(DtlsConnection connection, String text) throws Exception {
		byte[] request = text.getBytes(StandardCharsets.UTF_8);
		connection.send(request);

		RawData atScandium = this.scandium.receive(DEADLINE);
		assertThat(atScandium).as("message at Scandium").isNotNull();
		assertThat(atScandium.getBytes()).isEqualTo(request);

		byte[] reply = ("reply to " + text).getBytes(StandardCharsets.UTF_8);
		this.scandium.send(reply, atScandium.getEndpointContext());
		byte[] atEngine = connection.receive(DEADLINE);
		assertThat(atEngine).as("reply at the engine client").isEqualTo(reply);
		return atScandium;
	}

	/**
	 * Checks that both sides negotiated {@code suite} over DTLS 1.2: the client's session and
	 * the session that carried {@code atScandium}.
	 */
	private void assertCipherSuite(DtlsConnection connection, RawData atScandium, InteropSuite suite) {
		assertThat(connection.session().protocol()).isEqualTo("DTLSv1.2");
		assertThat(connection.session().cipherSuite()).isEqualTo(suite.ianaName());
		assertThat(ScandiumPeer.cipherSuite(atScandium)).isEqualTo(suite.ianaName());
	}

}
