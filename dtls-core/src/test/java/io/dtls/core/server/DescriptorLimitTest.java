package io.dtls.core.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.support.DescriptorLimitedServer;
import io.dtls.core.support.KernelSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connected demultiplexer when the process runs out of file descriptors: peers that get no
 * socket of their own stay on the listening socket and are served all the same.
 */
@EnabledOnOs(OS.LINUX)
class DescriptorLimitTest {

	/** Far below what the clients need, so that the server runs out part of the way. */
	private static final int DESCRIPTOR_LIMIT = 128;

	private static final int CLIENTS = 120;

	@Test
	void peersWithoutSocketStayOnListener(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("server.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String command = "ulimit -n " + DESCRIPTOR_LIMIT + " && exec '" + java + "' -cp '"
				+ System.getProperty("java.class.path") + "' " + DescriptorLimitedServer.class.getName();
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try (DtlsClient client = DtlsClient.builder()
			.pskIdentity(PskIdentity.of(DescriptorLimitedServer.IDENTITY, DescriptorLimitedServer.KEY))
			.connectTimeout(Duration.ofSeconds(20))
			.build()) {
			int port = awaitPort(log);
			List<DtlsConnection> connections = new ArrayList<>();
			while (connections.size() < CLIENTS) {
				// Batches stay within the server's handshake limits, so that no ClientHello waits for a retransmission.
				List<CompletableFuture<DtlsConnection>> batch = new ArrayList<>();
				for (int i = 0; i < 16 && connections.size() + batch.size() < CLIENTS; i++) {
					batch.add(client.connectAsync("127.0.0.1", port));
				}
				for (CompletableFuture<DtlsConnection> connection : batch) {
					connections.add(connection.get(30, TimeUnit.SECONDS));
				}
			}
			long connectedSockets = KernelSockets.connectedSocketsOn(port);

			for (int i = 0; i < connections.size(); i++) {
				assertThat(echo(connections.get(i), "peer " + i)).isEqualTo("peer " + i);
			}
			assertThat(connectedSockets).isPositive();
			assertThat(connectedSockets).isLessThan(CLIENTS);
			assertThat(Files.readString(log)).contains("Cannot open a socket connected to");
		}
		finally {
			// The server's own log, for the test report.
			System.out.println("Server process log:\n" + Files.readString(log));
			process.getOutputStream().close();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static int awaitPort(Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() - deadline < 0) {
			for (String line : Files.readAllLines(log)) {
				if (line.startsWith("PORT ")) {
					return Integer.parseInt(line.substring(5).trim());
				}
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("The server process did not start within 30 s:\n" + Files.readString(log));
	}

	private static String echo(DtlsConnection connection, String text) throws InterruptedException {
		connection.send(text.getBytes(StandardCharsets.UTF_8));
		byte[] reply = connection.receive(Duration.ofSeconds(5));
		return (reply != null) ? new String(reply, StandardCharsets.UTF_8) : "(no reply)";
	}

}
