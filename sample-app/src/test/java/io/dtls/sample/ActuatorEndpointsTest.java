package io.dtls.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.server.DtlsServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's Actuator endpoints over HTTP while a DTLS client with the demonstration
 * pre-shared key is connected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dtls.server.port=0", "dtls.server.address=127.0.0.1" })
class ActuatorEndpointsTest {

	private static final byte[] PSK = HexFormat.of().parseHex("73616d706c652d7368617265642d6b6579");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@LocalServerPort
	private int httpPort;

	@Autowired
	private DtlsServer server;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@Test
	void endpointsShowConnectedClient() throws Exception {
		try (DtlsClient client = DtlsClient.builder()
			.pskIdentity(PskIdentity.of("sample-device", PSK))
			.connectTimeout(TIMEOUT)
			.build()) {
			DtlsConnection connection = client.connect("127.0.0.1", this.server.localAddress().getPort());
			connection.send("hello".getBytes(StandardCharsets.UTF_8));
			assertThat(connection.receive(TIMEOUT)).asString(StandardCharsets.UTF_8).isEqualTo("hello");

			DocumentContext health = get("/actuator/health");
			assertThat(health.read("$.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.dtls.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.dtls.details.connections", Integer.class)).isGreaterThanOrEqualTo(1);
			assertThat(health.read("$.components.dtls.details.demux", String.class))
				.isEqualTo(DemuxMode.AUTO.resolve().name().toLowerCase(Locale.ROOT));
			assertThat(health.read("$.components.dtls.details.address", String.class))
				.isEqualTo("127.0.0.1:" + this.server.localAddress().getPort());

			DocumentContext active = get("/actuator/metrics/dtls.connections.active");
			assertThat(active.read("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1);

			DocumentContext handshakes = get("/actuator/metrics/dtls.handshakes?tag=outcome:success");
			assertThat(handshakes.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class))
				.singleElement()
				.satisfies((count) -> assertThat(((Number) count).doubleValue()).isGreaterThanOrEqualTo(1));
			assertThat(handshakes.read("$.availableTags[*].tag", List.class)).contains("role", "reason");

			DocumentContext info = get("/actuator/info");
			assertThat(info.read("$.dtls.bouncyCastle.bctls", String.class)).isEqualTo("1.84");
			assertThat(info.read("$.dtls.server.running", Boolean.class)).isTrue();

			connection.close();
		}
	}

	private DocumentContext get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.timeout(TIMEOUT)
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

}
