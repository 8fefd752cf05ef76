package io.dtls.spring.boot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PEM SSL bundle with {@code reload-on-update}: after the files change, new handshakes get
 * the new certificate while an established connection keeps exchanging data.
 */
class SslBundleReloadTest {

	@Test
	void newHandshakesUseReloadedCertificate() throws Exception {
		Path directory = Files.createTempDirectory("dtls-bundle");
		Path certificate = directory.resolve("server.crt");
		Path key = directory.resolve("server.key");
		X509Credentials first = SelfSignedCertificateGenerator.generate("first", List.of("localhost"), Duration.ofDays(1));
		X509Credentials second = SelfSignedCertificateGenerator.generate("second", List.of("localhost"),
				Duration.ofDays(1));
		Pem.write(first, certificate, key);

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class, Echo.class)
			.web(WebApplicationType.NONE)
			.run("--dtls.server.port=0", "--dtls.server.address=127.0.0.1", "--dtls.server.ssl.bundle=server",
					"--spring.ssl.bundle.pem.server.keystore.certificate=file:" + certificate,
					"--spring.ssl.bundle.pem.server.keystore.private-key=file:" + key,
					"--spring.ssl.bundle.pem.server.reload-on-update=true",
					"--spring.ssl.bundle.watch.file.quiet-period=100ms");
				DtlsClient client = DtlsClient.builder()
					.trust(TrustMaterial.of(List.of(first.leafCertificate(), second.leafCertificate())))
					.build()) {
			int port = context.getBean(DtlsServer.class).localAddress().getPort();
			DtlsConnection established = client.connect("localhost", port);
			assertThat(subject(established)).isEqualTo("CN=first");

			Pem.write(second, certificate, key);

			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
				DtlsConnection fresh = client.connect("localhost", port);
				fresh.close();
				return subject(fresh).equals("CN=second");
			});
			established.send("still here".getBytes(StandardCharsets.UTF_8));
			assertThat(established.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8)
				.isEqualTo("still here");
			assertThat(subject(established)).isEqualTo("CN=first");
		}
	}

	private static String subject(DtlsConnection connection) {
		X509Certificate leaf = connection.session().peerCertificates().get(0);
		return leaf.getSubjectX500Principal().getName();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Echo {

		@DtlsListener
		byte[] echo(byte[] payload) {
			return payload;
		}

	}

}
