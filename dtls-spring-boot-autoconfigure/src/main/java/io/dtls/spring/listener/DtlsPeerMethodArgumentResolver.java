package io.dtls.spring.listener;

import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves a {@link DtlsPeer} parameter from the {@link DtlsHeaders#PEER} header.
 */
final class DtlsPeerMethodArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == DtlsPeer.class && !parameter.hasParameterAnnotation(Payload.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, Message<?> message) {
		if (message.getHeaders().get(DtlsHeaders.PEER) instanceof DtlsPeer peer) {
			return peer;
		}
		throw new MessageHandlingException(message, "Message has no DtlsPeer in header '" + DtlsHeaders.PEER
				+ "' for " + ListenerMethods.describe(parameter) + ". Send messages to DTLS listeners through the"
				+ " DTLS inbound adapter, which sets that header.");
	}

}
