package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;

import static org.assertj.core.api.Assertions.assertThat;

class EngineEchoTest {

	@TransportMatrixTest
	void echoOverSelfSignedCertificate(TransportCase transport) throws Exception {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		try (DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(credentials)
			.handler(new EchoHandler())
			.build()) {
			server.start();
			try (DtlsClient client = DtlsClient.builder()
				.trust(TrustMaterial.of(List.of(credentials.leafCertificate())))
				.build()) {
				DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
				connection.send("hello".getBytes(StandardCharsets.UTF_8));
				byte[] reply = connection.receive(Duration.ofSeconds(5));
				assertThat(reply).asString(StandardCharsets.UTF_8).isEqualTo("hello");
				assertThat(connection.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
			}
		}
	}

}
