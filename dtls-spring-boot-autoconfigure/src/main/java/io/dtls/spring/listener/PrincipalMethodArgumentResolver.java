package io.dtls.spring.listener;

import java.security.Principal;

import io.dtls.spring.DtlsHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves a {@link Principal} parameter, or one of a subtype, from the
 * {@link DtlsHeaders#PRINCIPAL} header. The value is {@code null} when the header is missing, as
 * for an anonymous peer, or when the principal is not of the parameter's type, such as a PSK
 * principal for an {@code X500Principal} parameter.
 */
final class PrincipalMethodArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Principal.class.isAssignableFrom(parameter.getParameterType())
				&& !parameter.hasParameterAnnotation(Payload.class);
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, Message<?> message) {
		Object principal = message.getHeaders().get(DtlsHeaders.PRINCIPAL);
		return parameter.getParameterType().isInstance(principal) ? principal : null;
	}

}
