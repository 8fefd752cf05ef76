package io.dtls.spring.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtls.spring.listener.LoopbackDtls.Link;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Conversion of reply objects to DTLS payloads, with and without Jackson.
 */
class DtlsMessageConvertersTests {

	private final CompositeMessageConverter converter = DtlsMessageConverters.createDefault();

	@Test
	void byteArrayIsReturnedAsItIs() {
		byte[] bytes = { 1, 2, 3 };

		assertThat(DtlsMessageConverters.toPayload(bytes, this.converter)).isSameAs(bytes);
	}

	@Test
	void byteBufferGivesRemainingBytesWithoutMovingPosition() {
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 });
		buffer.position(1);

		byte[] payload = DtlsMessageConverters.toPayload(buffer, this.converter);

		assertThat(payload).containsExactly(2, 3, 4);
		assertThat(buffer.position()).isEqualTo(1);
	}

	@Test
	void stringIsEncodedAsUtf8() {
		assertThat(DtlsMessageConverters.toPayload("Grüße", this.converter))
			.isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void messageGivesItsPayload() {
		Message<String> message = MessageBuilder.withPayload("inner").setHeader("ignored", "yes").build();

		assertThat(DtlsMessageConverters.toPayload(message, this.converter))
			.isEqualTo("inner".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void recordIsWrittenAsJson() {
		byte[] payload = DtlsMessageConverters.toPayload(new Reading("hall-2", 21.5), this.converter);

		assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"sensor\":\"hall-2\",\"celsius\":21.5}");
	}

	@Test
	void defaultConverterWithoutJacksonHasNoJsonConverter() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withUserConfiguration(DtlsListenerConfiguration.class)
			.run((context) -> {
				String beanName = DtlsListenerConfiguration.LISTENER_MESSAGE_CONVERTER_BEAN_NAME;
				CompositeMessageConverter converter = context.getBean(beanName, CompositeMessageConverter.class);

				assertThat(converter.getConverters()).hasSize(2);
				assertThatExceptionOfType(MessageConversionException.class)
					.isThrownBy(() -> DtlsMessageConverters.toPayload(new Reading("a", 1), converter))
					.withMessageContaining(Reading.class.getName())
					.withMessageContaining("jackson-databind");
			});
	}

	@Test
	void objectReplyWithoutJacksonGoesToErrorHandler() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withUserConfiguration(DtlsListenerConfiguration.class, ReadingReplyListener.class)
			.run((context) -> {
				try (LoopbackDtls dtls = LoopbackDtls.start(); Link link = dtls.connect()) {
					context.getBean(DtlsListenerDispatcher.class).handleMessage(link.message("ping"));

					ReadingReplyListener listener = context.getBean(ReadingReplyListener.class);
					List<DtlsListenerExecutionFailedException> failures = listener.failures;
					assertThat(failures).hasSize(1);
					assertThat(failures.get(0).getCause()).isInstanceOf(MessageConversionException.class)
						.hasMessageContaining(Reading.class.getName());
					assertThat(link.receiveUnexpected()).isNull();
				}
			});
	}

	record Reading(String sensor, double celsius) {
	}

	static class ReadingReplyListener {

		final List<DtlsListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

		@DtlsListener(errorHandler = "recordingErrorHandler")
		Reading onMessage(String payload) {
			return new Reading(payload, 1);
		}

		@Bean
		DtlsListenerErrorHandler recordingErrorHandler() {
			return (message, exception) -> {
				this.failures.add(exception);
				return null;
			};
		}

	}

}
