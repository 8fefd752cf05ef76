package io.dtls.spring.boot;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dtls.core.server.DtlsServer;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * OpenSSL's {@code s_client} against a {@code @DtlsListener} on the auto-configured server with
 * its default self-signed certificate: the line it sends comes back transformed.
 */
@SpringBootTest(classes = TestApplication.class, properties = { "dtls.server.port=0",
		"dtls.server.address=127.0.0.1" })
@Import(OpenSslClientEndToEndTest.Upper.class)
class OpenSslClientEndToEndTest {

	@Autowired
	private DtlsServer server;

	@Test
	void sClientGetsListenerReply(@TempDir Path directory) throws Exception {
		assumeThat(Path.of("/usr/bin/openssl")).as("openssl is installed (Debian package openssl)").exists();
		Path output = directory.resolve("s_client.log");
		Process process = new ProcessBuilder("openssl", "s_client", "-dtls1_2", "-connect",
				"127.0.0.1:" + this.server.localAddress().getPort())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try (OutputStream stdin = process.getOutputStream()) {
			await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(output).contains("Verify return code"));
			stdin.write("hello from openssl\n".getBytes(StandardCharsets.UTF_8));
			stdin.flush();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(Files.readString(output)).contains("HELLO FROM OPENSSL"));
		}
		finally {
			process.destroy();
			process.waitFor(5, TimeUnit.SECONDS);
			process.destroyForcibly();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Upper {

		@DtlsListener
		String upper(String line) {
			return line.toUpperCase(java.util.Locale.ROOT);
		}

	}

}
