package io.dtls.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, started as its own process and driven by real DTLS clients: OpenSSL's
 * {@code s_client} with the self-signed certificate (echo and a telemetry reading) and
 * {@code gnutls-cli} with the demonstration pre-shared key (a series of readings, the last of
 * which triggers a pushed command). Its Actuator health endpoint reports the DTLS server UP.
 * SIGTERM then stops it cleanly, and every acknowledged reading is in the store's final count.
 */
class SampleApplicationIT {

	private static final String PSK_HEX = "73616d706c652d7368617265642d6b6579";

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void destroyProcesses() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void servesRealClientsAndStopsCleanly() throws Exception {
		assumeThat(Path.of("/usr/bin/openssl")).as("openssl is installed (Debian package openssl)").exists();
		assumeThat(Path.of("/usr/bin/gnutls-cli")).as("gnutls-cli is installed (Debian package gnutls-bin)").exists();
		int port = freeUdpPort();
		int httpPort = freeTcpPort();
		Path appLog = this.directory.resolve("sample.log");
		Process app = start(appLog, "java", "-jar", System.getProperty("sample.jar"), "--dtls.server.port=" + port,
				"--dtls.server.address=127.0.0.1", "--server.port=" + httpPort, "--server.address=127.0.0.1");
		awaitContent(appLog, "Started SampleApplication", app);
		DocumentContext health = getJson("http://127.0.0.1:" + httpPort + "/actuator/health");
		assertThat(health.read("$.components.dtls.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.dtls.details.address", String.class)).isEqualTo("127.0.0.1:" + port);

		Path opensslLog = this.directory.resolve("s_client.log");
		Process openssl = start(opensslLog, "openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + port,
				"-quiet");
		try (OutputStream input = openssl.getOutputStream()) {
			awaitContent(opensslLog, "verify return:1", openssl);
			write(input, "hello sample");
			awaitContent(opensslLog, "hello sample", openssl);
			write(input, reading("cert-sensor", 21.5));
			awaitContent(opensslLog, "\"deviceId\":\"cert-sensor\",\"metric\":\"temperature\",\"status\":\"ok\"", openssl);
		}

		Path gnutlsLog = this.directory.resolve("gnutls-cli.log");
		Process gnutls = start(gnutlsLog, "gnutls-cli", "--udp", "-p", Integer.toString(port), "--pskusername",
				"sample-device", "--pskkey", PSK_HEX, "--priority",
				"NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-CCM-8", "127.0.0.1");
		int pskReadings = 10;
		try (OutputStream input = gnutls.getOutputStream()) {
			awaitContent(gnutlsLog, "Handshake was completed", gnutls);
			for (int i = 1; i <= pskReadings; i++) {
				write(input, reading("psk-sensor", i));
				awaitContent(gnutlsLog, "\"readings\":" + i + "}", gnutls);
			}
			// Above the alert threshold of 40: the server also pushes a command to the device.
			write(input, reading("psk-sensor", 45.0));
			awaitContent(gnutlsLog, "\"command\":\"cool-down\"", gnutls);
			awaitContent(gnutlsLog, "\"readings\":" + (pskReadings + 1) + "}", gnutls);
		}
		int acknowledged = 1 + countOccurrences(Files.readString(gnutlsLog), "\"status\":\"ok\"");
		assertThat(acknowledged).isEqualTo(1 + pskReadings + 1);

		app.destroy();
		assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("sample stopped within 30 s").isTrue();
		String log = Files.readString(appLog);
		// The JVM exits with 128 + 15 when SIGTERM ends it after the shutdown hooks ran.
		assertThat(app.exitValue()).as(log).isEqualTo(143);
		assertThat(log).containsPattern("DTLS server on .*:" + port + " stopped");
		Matcher totals = Pattern.compile("Telemetry store holds (\\d+) readings from (\\d+) devices").matcher(log);
		assertThat(totals.find()).as(log).isTrue();
		assertThat(Integer.parseInt(totals.group(1))).isEqualTo(acknowledged);
		assertThat(Integer.parseInt(totals.group(2))).isEqualTo(2);
		assertThat(log).doesNotContain("ERROR");
	}

	private Process start(Path log, String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		return process;
	}

	private static void awaitContent(Path log, String expected, Process process) {
		await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(Files.readString(log))
				.as("%s (process alive: %s)", log.getFileName(), process.isAlive())
				.contains(expected));
	}

	private static void write(OutputStream input, String line) throws IOException {
		input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		input.flush();
	}

	private static String reading(String device, double value) {
		return "{\"deviceId\":\"" + device + "\",\"metric\":\"temperature\",\"value\":" + value + "}";
	}

	private static int countOccurrences(String text, String part) {
		int count = 0;
		int index = text.indexOf(part);
		while (index >= 0) {
			count++;
			index = text.indexOf(part, index + part.length());
		}
		return count;
	}

	private static DocumentContext getJson(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private static int freeTcpPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static int freeUdpPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
