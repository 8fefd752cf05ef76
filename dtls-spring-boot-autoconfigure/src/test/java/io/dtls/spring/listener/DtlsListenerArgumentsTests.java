package io.dtls.spring.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;
import io.dtls.spring.listener.LoopbackDtls.Link;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters of {@link DtlsListener} methods, resolved from messages of real DTLS connections.
 */
class DtlsListenerArgumentsTests {

	private static LoopbackDtls dtls;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(DtlsListenerConfiguration.class);

	@BeforeAll
	static void startDtls() {
		dtls = LoopbackDtls.start();
	}

	@AfterAll
	static void stopDtls() {
		dtls.close();
	}

	@Test
	void byteArrayPayload() {
		this.contextRunner.withUserConfiguration(ByteArrayListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message(new byte[] { 1, 2, 3 }));

				assertThat(context.getBean(ByteArrayListener.class).received).containsExactly(new byte[] { 1, 2, 3 });
			}
		});
	}

	@Test
	void emptyByteArrayPayload() {
		this.contextRunner.withUserConfiguration(ByteArrayListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message(new byte[0]));

				assertThat(context.getBean(ByteArrayListener.class).received).containsExactly(new byte[0]);
			}
		});
	}

	@Test
	void byteBufferPayloadIsReadOnly() {
		this.contextRunner.withUserConfiguration(ByteBufferListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message(new byte[] { 7, 8 }));

				ByteBuffer buffer = context.getBean(ByteBufferListener.class).received.get(0);
				assertThat(buffer.isReadOnly()).isTrue();
				assertThat(buffer.remaining()).isEqualTo(2);
				assertThat(buffer.get(0)).isEqualTo((byte) 7);
				assertThat(buffer.get(1)).isEqualTo((byte) 8);
			}
		});
	}

	@Test
	void stringPayloadDecodedAsUtf8() {
		this.contextRunner.withUserConfiguration(StringListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("Grüße, 温度"));

				assertThat(context.getBean(StringListener.class).received).containsExactly("Grüße, 温度");
			}
		});
	}

	@Test
	void emptyStringPayload() {
		this.contextRunner.withUserConfiguration(StringListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message(""));

				assertThat(context.getBean(StringListener.class).received).containsExactly("");
			}
		});
	}

	@Test
	void jsonRecordPayload() {
		this.contextRunner.withUserConfiguration(ReadingListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class)
					.handleMessage(link.message("{\"sensor\":\"hall-2\",\"celsius\":21.5}"));

				assertThat(context.getBean(ReadingListener.class).received)
					.containsExactly(new Reading("hall-2", 21.5));
			}
		});
	}

	@Test
	void jsonRecordPayloadIgnoresContentType() {
		this.contextRunner.withUserConfiguration(ReadingListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				Message<byte[]> message = MessageBuilder.fromMessage(link.message("{\"sensor\":\"a\",\"celsius\":1}"))
					.setHeader(MessageHeaders.CONTENT_TYPE, "text/plain")
					.build();

				context.getBean(DtlsListenerDispatcher.class).handleMessage(message);

				assertThat(context.getBean(ReadingListener.class).received).containsExactly(new Reading("a", 1));
			}
		});
	}

	@Test
	void jsonPayloadUsesJsonMapperBean() {
		this.contextRunner.withUserConfiguration(SnakeCaseJsonMapperConfiguration.class, ReadingListener.class)
			.run((context) -> {
				try (Link link = dtls.connect()) {
					context.getBean(DtlsListenerDispatcher.class)
						.handleMessage(link.message("{\"sensor\":\"b\",\"celsius\":2,\"battery_level\":80}"));

					assertThat(context.getBean(ReadingListener.class).received)
						.containsExactly(new Reading("b", 2, 80));
				}
			});
	}

	@Test
	void messageParameter() {
		this.contextRunner.withUserConfiguration(MessageListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				Message<byte[]> message = link.message("hello");

				context.getBean(DtlsListenerDispatcher.class).handleMessage(message);

				Message<?> received = context.getBean(MessageListener.class).received.get(0);
				assertThat(received.getPayload()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
				assertThat(received.getHeaders().get(DtlsHeaders.PEER)).isSameAs(link.peer());
			}
		});
	}

	@Test
	void messageOfStringParameter() {
		this.contextRunner.withUserConfiguration(StringMessageListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				assertThat(context.getBean(StringMessageListener.class).received).containsExactly("hello");
			}
		});
	}

	@Test
	void headerParameters() {
		this.contextRunner.withUserConfiguration(HeaderListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				HeaderListener listener = context.getBean(HeaderListener.class);
				assertThat(listener.principal.getName()).isEqualTo("CN=" + LoopbackDtls.CLIENT_COMMON_NAME);
				assertThat(listener.port).isEqualTo(link.peer().address().getPort());
				assertThat(listener.cipherSuite).isEqualTo(link.peer().cipherSuite());
				assertThat(listener.connectionId).isEqualTo(link.peer().connectionId());
				assertThat(listener.headers).containsEntry(DtlsHeaders.PEER, link.peer());
				assertThat(listener.messageHeaders).containsEntry(DtlsHeaders.CIPHER_SUITE, link.peer().cipherSuite());
				assertThat(listener.payload).isEqualTo("hello");
			}
		});
	}

	@Test
	void optionalHeaderOfAnonymousPeerIsNull() {
		this.contextRunner.withUserConfiguration(OptionalPrincipalHeaderListener.class).run((context) -> {
			try (Link link = dtls.connectAnonymous()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				OptionalPrincipalHeaderListener listener = context.getBean(OptionalPrincipalHeaderListener.class);
				assertThat(listener.invocations).isEqualTo(1);
				assertThat(listener.principal).isNull();
			}
		});
	}

	@Test
	void peerAndPrincipalParameters() {
		this.contextRunner.withUserConfiguration(PeerListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				PeerListener listener = context.getBean(PeerListener.class);
				assertThat(listener.peer).isSameAs(link.peer());
				assertThat(listener.principal).isNotNull();
				assertThat(listener.principal.getName()).isEqualTo("CN=" + LoopbackDtls.CLIENT_COMMON_NAME);
				assertThat(listener.payload).isEqualTo("hello");
			}
		});
	}

	@Test
	void principalOfAnonymousPeerIsNull() {
		this.contextRunner.withUserConfiguration(PeerListener.class).run((context) -> {
			try (Link link = dtls.connectAnonymous()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hello"));

				PeerListener listener = context.getBean(PeerListener.class);
				assertThat(listener.peer).isSameAs(link.peer());
				assertThat(listener.principal).isNull();
				assertThat(listener.payload).isEqualTo("hello");
			}
		});
	}

	record Reading(String sensor, double celsius, @Nullable Integer batteryLevel) {

		Reading(String sensor, double celsius) {
			this(sensor, celsius, null);
		}

	}

	static class ByteArrayListener {

		final List<byte[]> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		void onMessage(byte[] payload) {
			this.received.add(payload);
		}

	}

	static class ByteBufferListener {

		final List<ByteBuffer> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		void onMessage(ByteBuffer payload) {
			this.received.add(payload);
		}

	}

	static class StringListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		void onMessage(@Payload String payload) {
			this.received.add(payload);
		}

	}

	static class ReadingListener {

		final List<Reading> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		void onReading(Reading reading) {
			this.received.add(reading);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SnakeCaseJsonMapperConfiguration {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		}

	}

	static class MessageListener {

		final List<Message<?>> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		void onMessage(Message<?> message) {
			this.received.add(message);
		}

	}

	static class StringMessageListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@DtlsListener
		void onMessage(Message<String> message) {
			this.received.add(message.getPayload());
		}

	}

	static class HeaderListener {

		Principal principal;

		int port;

		String cipherSuite;

		String connectionId;

		Map<String, Object> headers;

		MessageHeaders messageHeaders;

		String payload;

		@DtlsListener
		void onMessage(@Header(DtlsHeaders.PRINCIPAL) Principal principal, @Header(DtlsHeaders.PORT) int port,
				@Header(DtlsHeaders.CIPHER_SUITE) String cipherSuite,
				@Header(DtlsHeaders.CONNECTION_ID) String connectionId, @Headers Map<String, Object> headers,
				MessageHeaders messageHeaders, String payload) {
			this.principal = principal;
			this.port = port;
			this.cipherSuite = cipherSuite;
			this.connectionId = connectionId;
			this.headers = headers;
			this.messageHeaders = messageHeaders;
			this.payload = payload;
		}

	}

	static class OptionalPrincipalHeaderListener {

		int invocations;

		@Nullable Principal principal;

		@DtlsListener
		void onMessage(@Header(name = DtlsHeaders.PRINCIPAL, required = false) @Nullable Principal principal) {
			this.invocations++;
			this.principal = principal;
		}

	}

	static class PeerListener {

		DtlsPeer peer;

		@Nullable Principal principal;

		String payload;

		@DtlsListener
		void onMessage(DtlsPeer peer, @Nullable Principal principal, String payload) {
			this.peer = peer;
			this.principal = principal;
			this.payload = payload;
		}

	}

}
