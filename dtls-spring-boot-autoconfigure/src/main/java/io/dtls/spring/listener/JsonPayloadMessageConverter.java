package io.dtls.spring.listener;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;

/**
 * Jackson 3 converter that reads and writes JSON whatever content type header a message has.
 * DTLS records carry no content type, so a JSON-typed listener parameter must not depend on one.
 * Loaded only when Jackson 3 is on the class path.
 */
final class JsonPayloadMessageConverter extends JacksonJsonMessageConverter {

	private JsonPayloadMessageConverter(JsonMapper jsonMapper) {
		super(jsonMapper);
	}

	private JsonPayloadMessageConverter() {
		super();
	}

	static JsonPayloadMessageConverter create(@Nullable BeanFactory beanFactory) {
		JsonMapper jsonMapper = (beanFactory != null) ? beanFactory.getBeanProvider(JsonMapper.class).getIfUnique()
				: null;
		return (jsonMapper != null) ? new JsonPayloadMessageConverter(jsonMapper) : new JsonPayloadMessageConverter();
	}

	@Override
	protected boolean supportsMimeType(@Nullable MessageHeaders headers) {
		return true;
	}

}
