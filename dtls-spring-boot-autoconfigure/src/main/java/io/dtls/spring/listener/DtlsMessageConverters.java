package io.dtls.spring.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.ClassUtils;

/**
 * Factory of the message converter that {@link DtlsListener} methods use, and the rules that turn
 * a reply object into the bytes of one DTLS record, for listener replies and for any other code
 * that sends objects to a peer.
 *
 * @since 0.1.0
 */
public final class DtlsMessageConverters {

	private static final String JSON_MAPPER_CLASS_NAME = "tools.jackson.databind.json.JsonMapper";

	private DtlsMessageConverters() {
	}

	/**
	 * Creates the default converter without a bean factory.
	 * @see #createDefault(BeanFactory)
	 */
	public static CompositeMessageConverter createDefault() {
		return createDefault(null);
	}

	/**
	 * Creates the default converter: {@code byte[]} as it is, {@code String} as UTF-8 and, when
	 * Jackson 3 ({@code tools.jackson.databind}) is on the class path, any other type as JSON. The
	 * JSON converter uses the bean factory's only {@code JsonMapper} bean if there is one, such
	 * as the one Spring Boot configures, and a mapper with the modules found on the class path
	 * otherwise.
	 * @param beanFactory the bean factory whose class loader and {@code JsonMapper} bean to use, or
	 * {@code null} for this class's class loader and a new mapper
	 */
	public static CompositeMessageConverter createDefault(@Nullable BeanFactory beanFactory) {
		List<MessageConverter> converters = new ArrayList<>();
		converters.add(new ByteArrayMessageConverter());
		converters.add(new StringMessageConverter(StandardCharsets.UTF_8));
		if (ClassUtils.isPresent(JSON_MAPPER_CLASS_NAME, classLoader(beanFactory))) {
			// The JSON converter takes every type, so it comes last.
			converters.add(JsonPayloadMessageConverter.create(beanFactory));
		}
		return new CompositeMessageConverter(converters);
	}

	/**
	 * Converts a reply object to the payload of one DTLS record. {@code byte[]} is returned as it
	 * is, a {@link ByteBuffer} gives its remaining bytes without moving its position, a
	 * {@code String} is encoded as UTF-8, a {@link Message} gives its payload by the same rules, and
	 * any other object goes through {@code converter}.
	 * @param value the reply object
	 * @param converter the converter for types other than the above
	 * @return the payload bytes
	 * @throws MessageConversionException if the converter cannot convert the type to bytes or fails
	 */
	public static byte[] toPayload(Object value, MessageConverter converter) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof ByteBuffer buffer) {
			ByteBuffer view = buffer.duplicate();
			byte[] bytes = new byte[view.remaining()];
			view.get(bytes);
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (value instanceof Message<?> message) {
			return toPayload(message.getPayload(), converter);
		}
		Message<?> converted = converter.toMessage(value, null);
		if (converted == null) {
			throw new MessageConversionException("No message converter can convert a " + value.getClass().getName()
					+ " to a DTLS payload. Return byte[], ByteBuffer or String, or add"
					+ " tools.jackson.core:jackson-databind to the class path to send it as JSON.");
		}
		Object payload = converted.getPayload();
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new MessageConversionException("Message converter " + converter + " converted a "
				+ value.getClass().getName() + " to a " + payload.getClass().getName()
				+ ", but a DTLS payload must be byte[] or String. Configure the converter to produce byte[].");
	}

	private static @Nullable ClassLoader classLoader(@Nullable BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			ClassLoader classLoader = configurable.getBeanClassLoader();
			if (classLoader != null) {
				return classLoader;
			}
		}
		return DtlsMessageConverters.class.getClassLoader();
	}

}
