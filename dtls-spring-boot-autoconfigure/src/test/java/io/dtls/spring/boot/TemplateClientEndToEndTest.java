package io.dtls.spring.boot;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.core.DtlsTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DtlsTemplate} as a client of a second DTLS server: connecting on demand, reusing the
 * cached connection, request and reply, and reconnecting after the server closed it. The
 * client trusts the second server's certificate through a PEM SSL bundle.
 */
@SpringBootTest(classes = TestApplication.class, properties = "dtls.server.enabled=false")
class TemplateClientEndToEndTest {

	private static DtlsServer remote;

	private static java.nio.file.Path trustFile;

	@Autowired
	private DtlsTemplate template;

	@BeforeAll
	static void startRemoteServer() throws Exception {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		remote = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.credentials(credentials)
			.handler((connection, payload) -> connection
				.send(("echo:" + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
			.build();
		remote.start();
		trustFile = java.nio.file.Files.createTempFile("remote-server", ".crt");
		java.nio.file.Files.writeString(trustFile, "-----BEGIN CERTIFICATE-----\n"
				+ java.util.Base64.getMimeEncoder(64, "\n".getBytes())
					.encodeToString(credentials.leafCertificate().getEncoded())
				+ "\n-----END CERTIFICATE-----\n");
	}

	@AfterAll
	static void stopRemoteServer() throws Exception {
		remote.stop(Duration.ofSeconds(2));
		java.nio.file.Files.deleteIfExists(trustFile);
	}

	@DynamicPropertySource
	static void clientTrust(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.remote.truststore.certificate", () -> "file:" + trustFile);
		registry.add("dtls.client.ssl.bundle", () -> "remote");
	}

	@Test
	void sendAndReceiveConnectsOnDemand() throws Exception {
		byte[] reply = this.template.sendAndReceive(destination(), "ping".getBytes(StandardCharsets.UTF_8),
				Duration.ofSeconds(5)).get();

		assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("echo:ping");
	}

	@Test
	void requestsToOneDestinationShareConnectionAndKeepOrder() throws Exception {
		var first = this.template.sendAndReceive(destination(), "one".getBytes(StandardCharsets.UTF_8));
		var second = this.template.sendAndReceive(destination(), "two".getBytes(StandardCharsets.UTF_8));

		assertThat(new String(first.get(), StandardCharsets.UTF_8)).isEqualTo("echo:one");
		assertThat(new String(second.get(), StandardCharsets.UTF_8)).isEqualTo("echo:two");
		assertThat(remote.connections()).hasSize(1);
	}

	@Test
	void reconnectsAfterServerClosedConnection() throws Exception {
		this.template.sendAndReceive(destination(), "before".getBytes(StandardCharsets.UTF_8)).get();
		List<DtlsConnection> open = remote.connections();
		open.forEach(DtlsConnection::close);
		Thread.sleep(200);

		byte[] reply = this.template.sendAndReceive(destination(), "after".getBytes(StandardCharsets.UTF_8)).get();

		assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("echo:after");
		assertThat(open.get(0).closeReason()).isEqualTo(CloseReason.CLOSED_LOCALLY);
	}

	@Test
	void convertSendAndReceiveString() throws Exception {
		String reply = this.template.convertSendAndReceive(destination(), "text", String.class, Duration.ofSeconds(5))
			.get();

		assertThat(reply).isEqualTo("echo:text");
	}

	@Test
	void sendToUnconnectedPeerFailsClearly() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.template.send(new InetSocketAddress("127.0.0.1", 9), new byte[] { 1 }).get())
			.havingCause()
			.withMessageContaining("dtls.server.enabled");
	}

	@Test
	void invalidDestinationFailsClearly() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.template.send("no-port-here", new byte[] { 1 }).get())
			.havingCause()
			.withMessageContaining("host:port");
	}

	private static String destination() {
		return "localhost:" + remote.localAddress().getPort();
	}

}
