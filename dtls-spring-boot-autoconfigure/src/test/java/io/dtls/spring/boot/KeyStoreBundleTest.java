package io.dtls.spring.boot;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsHandshakeException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A PKCS#12 key store bundle ({@code spring.ssl.bundle.jks.*}) with a trust store, and
 * {@code dtls.server.client-auth=need}: clients with a trusted certificate are served and their
 * principal reaches the listener; clients without one are refused.
 */
class KeyStoreBundleTest {

	private static final String PASSWORD = "changeit";

	@TempDir
	Path directory;

	@Test
	void keyStoreBundleWithRequiredClientCertificates() throws Exception {
		X509Credentials server = SelfSignedCertificateGenerator.generate("server", List.of("localhost"),
				Duration.ofDays(1));
		X509Credentials device = SelfSignedCertificateGenerator.generate("device-9", List.of(), Duration.ofDays(1));
		Path keyStore = write("server.p12", keyStore(server));
		Path trustStore = write("trust.p12", trustStore(device.leafCertificate()));

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				WhoAmI.class)
			.web(WebApplicationType.NONE)
			.run("--dtls.server.port=0", "--dtls.server.address=127.0.0.1", "--dtls.server.ssl.bundle=server",
					"--dtls.server.client-auth=need",
					"--spring.ssl.bundle.jks.server.keystore.location=file:" + keyStore,
					"--spring.ssl.bundle.jks.server.keystore.password=" + PASSWORD,
					"--spring.ssl.bundle.jks.server.keystore.type=PKCS12",
					"--spring.ssl.bundle.jks.server.truststore.location=file:" + trustStore,
					"--spring.ssl.bundle.jks.server.truststore.password=" + PASSWORD,
					"--spring.ssl.bundle.jks.server.truststore.type=PKCS12")) {
			int port = context.getBean(DtlsServer.class).localAddress().getPort();
			TrustMaterial trust = TrustMaterial.of(List.of(server.leafCertificate()));

			try (DtlsClient withCertificate = DtlsClient.builder().trust(trust).credentials(device).build()) {
				DtlsConnection connection = withCertificate.connect("localhost", port);
				connection.send("who am I".getBytes(StandardCharsets.UTF_8));
				assertThat(connection.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8)
					.isEqualTo("CN=device-9");
			}
			try (DtlsClient withoutCertificate = DtlsClient.builder().trust(trust).build()) {
				assertThatExceptionOfType(DtlsHandshakeException.class)
					.isThrownBy(() -> withoutCertificate.connect("localhost", port))
					.withMessageContaining("handshake_failure");
			}
		}
	}

	private static KeyStore keyStore(X509Credentials credentials) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", credentials.privateKey(), PASSWORD.toCharArray(),
				credentials.certificateChain().toArray(new Certificate[0]));
		return store;
	}

	private static KeyStore trustStore(X509Certificate certificate) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("device", certificate);
		return store;
	}

	private Path write(String name, KeyStore store) throws Exception {
		Path file = this.directory.resolve(name);
		try (OutputStream output = Files.newOutputStream(file)) {
			store.store(output, PASSWORD.toCharArray());
		}
		return file;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class WhoAmI {

		@DtlsListener
		String whoAmI(String question, java.security.Principal principal) {
			return principal.getName();
		}

	}

}
