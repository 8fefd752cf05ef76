package io.dtls.spring.boot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.server.DtlsServer;
import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.listener.DtlsListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured server with {@code @DtlsListener} methods of every supported signature,
 * driven by the engine's client over PSK on loopback. The first character of each message
 * selects the listener through its condition.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "dtls.server.port=0", "dtls.server.address=127.0.0.1",
				"dtls.server.psk.identities.device-1=hex:000102030405060708090a0b0c0d0e0f",
				"dtls.server.cipher-suites=TLS_PSK_WITH_AES_128_CCM_8,TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256" })
@Import(ListenerEndToEndTest.Listeners.class)
class ListenerEndToEndTest {

	private static final byte[] KEY = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

	@Autowired
	private DtlsServer server;

	@Autowired
	private DtlsTemplate template;

	@Autowired
	private Listeners listeners;

	private final DtlsClient client = DtlsClient.builder()
		.pskIdentity(PskIdentity.of("device-1", KEY))
		.cipherSuites("TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256")
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void stringListenerReplies() throws Exception {
		assertThat(request("s:hello")).isEqualTo("string:s:hello");
	}

	@Test
	void byteArrayListenerReplies() throws Exception {
		assertThat(request("b:raw")).isEqualTo("bytes:5");
	}

	@Test
	void byteBufferListenerReplies() throws Exception {
		assertThat(request("u:buffer")).isEqualTo("buffer:8");
	}

	@Test
	void jsonListenerConvertsRequestAndReply() throws Exception {
		String reply = request("{\"deviceId\":\"d-7\",\"value\":21.5}");
		assertThat(reply).contains("\"deviceId\":\"d-7\"").contains("\"accepted\":true");
	}

	@Test
	void messageListenerSeesHeaders() throws Exception {
		assertThat(request("m:headers")).isEqualTo("message:device-1:TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void headerAndPeerParameters() throws Exception {
		DtlsConnection connection = connect();
		connection.send(bytes("h:who"));
		String reply = new String(connection.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8);
		assertThat(reply).isEqualTo("peer:device-1:" + connection.localAddress().getPort());
	}

	@Test
	void futureReturnValueSent() throws Exception {
		assertThat(request("f:later")).isEqualTo("future:f:later");
	}

	@Test
	void throwingListenerKeepsConnection() throws Exception {
		DtlsConnection connection = connect();
		connection.send(bytes("x:fail"));
		connection.send(bytes("s:after failure"));
		assertThat(new String(connection.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8))
			.isEqualTo("string:s:after failure");
		assertThat(connection.isOpen()).isTrue();
	}

	@Test
	void templatePushesToConnectedPeer() throws Exception {
		DtlsConnection connection = connect();
		connection.send(bytes("v:register"));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.listeners.peers.isEmpty());

		this.template.send(connection.localAddress(), bytes("command: reboot")).get();
		this.template.convertAndSend(this.listeners.peers.get(0), new Command("blink", 3)).get();

		assertThat(new String(connection.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8))
			.isEqualTo("command: reboot");
		assertThat(new String(connection.receive(Duration.ofSeconds(5)), StandardCharsets.UTF_8))
			.contains("\"name\":\"blink\"");
	}

	private String request(String text) throws Exception {
		DtlsConnection connection = connect();
		connection.send(bytes(text));
		byte[] reply = connection.receive(Duration.ofSeconds(5));
		assertThat(reply).as("reply to %s", text).isNotNull();
		return new String(reply, StandardCharsets.UTF_8);
	}

	private DtlsConnection connect() {
		return this.client.connect("127.0.0.1", this.server.localAddress().getPort());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Reading(String deviceId, double value) {
	}

	record Ack(String deviceId, boolean accepted) {
	}

	record Command(String name, int times) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Listeners {

		final List<DtlsPeer> peers = new CopyOnWriteArrayList<>();

		@DtlsListener(condition = "payload[0] == 115", order = 1)
		String text(String payload) {
			return "string:" + payload;
		}

		@DtlsListener(condition = "payload[0] == 98", order = 2)
		byte[] raw(byte[] payload) {
			return bytes("bytes:" + payload.length);
		}

		@DtlsListener(condition = "payload[0] == 117", order = 3)
		String buffer(ByteBuffer payload) {
			return "buffer:" + payload.remaining();
		}

		@DtlsListener(condition = "payload[0] == 123", order = 4)
		Ack reading(Reading reading) {
			return new Ack(reading.deviceId(), true);
		}

		@DtlsListener(condition = "payload[0] == 109", order = 5)
		String message(Message<byte[]> message) {
			Principal principal = message.getHeaders().get(DtlsHeaders.PRINCIPAL, Principal.class);
			return "message:" + principal.getName() + ":" + message.getHeaders().get(DtlsHeaders.CIPHER_SUITE);
		}

		@DtlsListener(condition = "payload[0] == 104", order = 6)
		String peer(DtlsPeer peer, @Header(DtlsHeaders.PORT) int port, Principal principal) {
			return "peer:" + principal.getName() + ":" + port;
		}

		@DtlsListener(condition = "payload[0] == 102", order = 7)
		CompletableFuture<String> future(String payload) {
			return CompletableFuture.supplyAsync(() -> "future:" + payload);
		}

		@DtlsListener(condition = "payload[0] == 120", order = 8)
		void failing(String payload) {
			throw new IllegalStateException("listener failure on purpose");
		}

		@DtlsListener(condition = "payload[0] == 118", order = 9)
		void register(DtlsPeer peer) {
			this.peers.add(peer);
		}

	}

}
