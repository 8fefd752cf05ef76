package io.dtls.spring.listener;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtls.spring.listener.LoopbackDtls.Link;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Return values of {@link DtlsListener} methods, read as replies on the client side of real DTLS
 * connections.
 */
class DtlsListenerRepliesTests {

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
	void stringReply() {
		this.contextRunner.withUserConfiguration(StringReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				assertThat(link.receiveText()).isEqualTo("pong: ping");
			}
		});
	}

	@Test
	void byteArrayReply() {
		this.contextRunner.withUserConfiguration(ByteArrayReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message(new byte[] { 1, 2 }));

				assertThat(link.receive()).containsExactly(2, 1);
			}
		});
	}

	@Test
	void byteBufferReplySendsRemainingBytes() {
		this.contextRunner.withUserConfiguration(ByteBufferReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ignored"));

				assertThat(link.receive()).containsExactly(3, 4);
				ByteBuffer returned = context.getBean(ByteBufferReplyListener.class).returned;
				assertThat(returned.position()).isEqualTo(2);
			}
		});
	}

	@Test
	void jsonObjectReply() {
		this.contextRunner.withUserConfiguration(JsonReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("hall-2"));

				JsonNode reply = JsonMapper.builder().build().readTree(link.receive());
				assertThat(reply.get("sensor").asString()).isEqualTo("hall-2");
				assertThat(reply.get("celsius").asDouble()).isEqualTo(21.5);
			}
		});
	}

	@Test
	void messageReplySendsItsPayload() {
		this.contextRunner.withUserConfiguration(MessageReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				assertThat(link.receiveText()).isEqualTo("from a message");
			}
		});
	}

	@Test
	void completableFutureReplySentOnCompletion() {
		this.contextRunner.withUserConfiguration(FutureReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				assertThat(link.receiveUnexpected()).isNull();
				context.getBean(FutureReplyListener.class).future.complete("late pong");
				assertThat(link.receiveText()).isEqualTo("late pong");
			}
		});
	}

	@Test
	void completableFutureOfJsonObjectReply() {
		this.contextRunner.withUserConfiguration(FutureReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				context.getBean(FutureReplyListener.class).future.complete(new Reading("a", 1.0));
				JsonNode reply = JsonMapper.builder().build().readTree(link.receive());
				assertThat(reply.get("sensor").asString()).isEqualTo("a");
			}
		});
	}

	@Test
	void completableFutureOfNullSendsNothing() {
		this.contextRunner.withUserConfiguration(FutureReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				context.getBean(FutureReplyListener.class).future.complete(null);
				assertThat(link.receiveUnexpected()).isNull();
			}
		});
	}

	@Test
	void nullReplySendsNothing() {
		this.contextRunner.withUserConfiguration(NullReplyListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				assertThat(context.getBean(NullReplyListener.class).invocations).hasValue(1);
				assertThat(link.receiveUnexpected()).isNull();
			}
		});
	}

	@Test
	void voidListenerSendsNothing() {
		this.contextRunner.withUserConfiguration(VoidListener.class).run((context) -> {
			try (Link link = dtls.connect()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

				assertThat(context.getBean(VoidListener.class).invocations).hasValue(1);
				assertThat(link.receiveUnexpected()).isNull();
			}
		});
	}

	@Test
	void replyGoesToSendingPeerOnly() {
		this.contextRunner.withUserConfiguration(StringReplyListener.class).run((context) -> {
			try (Link sender = dtls.connect(); Link other = dtls.connectAnonymous()) {
				context.getBean(DtlsListenerDispatcher.class).handleMessage(sender.message("ping"));

				assertThat(sender.receiveText()).isEqualTo("pong: ping");
				assertThat(other.receiveUnexpected()).isNull();
			}
		});
	}

	record Reading(String sensor, double celsius) {
	}

	static class StringReplyListener {

		@DtlsListener
		String onMessage(String payload) {
			return "pong: " + payload;
		}

	}

	static class ByteArrayReplyListener {

		@DtlsListener
		byte[] onMessage(byte[] payload) {
			return new byte[] { payload[1], payload[0] };
		}

	}

	static class ByteBufferReplyListener {

		volatile ByteBuffer returned;

		@DtlsListener
		ByteBuffer onMessage() {
			ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 });
			buffer.position(2);
			this.returned = buffer;
			return buffer;
		}

	}

	static class JsonReplyListener {

		@DtlsListener
		Reading onMessage(String sensor) {
			return new Reading(sensor, 21.5);
		}

	}

	static class MessageReplyListener {

		@DtlsListener
		Message<String> onMessage(String payload) {
			return MessageBuilder.withPayload("from a message").build();
		}

	}

	static class FutureReplyListener {

		final CompletableFuture<@Nullable Object> future = new CompletableFuture<>();

		@DtlsListener
		CompletableFuture<@Nullable Object> onMessage(String payload) {
			return this.future;
		}

	}

	static class NullReplyListener {

		final AtomicInteger invocations = new AtomicInteger();

		@DtlsListener
		@Nullable String onMessage(String payload) {
			this.invocations.incrementAndGet();
			return null;
		}

	}

	static class VoidListener {

		final AtomicInteger invocations = new AtomicInteger();

		@DtlsListener
		void onMessage(byte[] payload) {
			this.invocations.incrementAndGet();
		}

	}

}
