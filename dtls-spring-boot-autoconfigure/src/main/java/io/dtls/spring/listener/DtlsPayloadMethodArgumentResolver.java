package io.dtls.spring.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.PayloadMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.validation.Validator;

/**
 * Resolves the payload parameter, which is every parameter that no earlier resolver takes.
 * <p>
 * A {@code byte[]} payload is passed as {@code byte[]}, as a read-only {@link ByteBuffer} over
 * the same bytes, or as a UTF-8 {@code String} directly, also when it is empty: a DTLS record may
 * carry zero bytes, while Spring's payload resolver rejects an empty payload. Other parameter
 * types go to Spring's {@link PayloadMethodArgumentResolver}, which converts with the message
 * converter and validates parameters annotated with {@code @Valid} or {@code @Validated}.
 */
final class DtlsPayloadMethodArgumentResolver implements HandlerMethodArgumentResolver {

	private final PayloadMethodArgumentResolver convertingResolver;

	DtlsPayloadMethodArgumentResolver(MessageConverter messageConverter, @Nullable Validator validator) {
		this.convertingResolver = new PayloadMethodArgumentResolver(messageConverter, validator);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return true;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, Message<?> message) throws Exception {
		Class<?> type = parameter.getParameterType();
		if (message.getPayload() instanceof byte[] bytes) {
			if (type == byte[].class) {
				return bytes;
			}
			if (type == ByteBuffer.class) {
				return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
			}
			if (type == String.class) {
				return new String(bytes, StandardCharsets.UTF_8);
			}
		}
		try {
			return this.convertingResolver.resolveArgument(parameter, message);
		}
		catch (MessageConversionException ex) {
			// The cause's message is kept out of this one because converters may quote the payload.
			String targetType = parameter.getGenericParameterType().getTypeName();
			throw new MessageConversionException(message, "Failed to convert the "
					+ describePayload(message.getPayload()) + " to " + targetType + " for "
					+ ListenerMethods.describe(parameter) + ". Send a payload of that form, such as JSON for a"
					+ " JSON-mapped type, or declare the parameter as byte[] or String.", ex);
		}
	}

	private static String describePayload(Object payload) {
		return (payload instanceof byte[] bytes) ? bytes.length + "-byte payload"
				: "payload of type " + payload.getClass().getName();
	}

}
