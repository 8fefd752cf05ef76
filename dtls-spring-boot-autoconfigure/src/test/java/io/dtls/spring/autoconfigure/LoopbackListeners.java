package io.dtls.spring.autoconfigure;

import java.nio.charset.StandardCharsets;

import io.dtls.spring.DtlsPeer;
import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.listener.DtlsListener;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Listener methods for the operations tests, chosen by the first character of a message:
 * {@code f} fails with an {@link IllegalStateException}, {@code p} makes the server push
 * {@code pushed} through the template, and anything else is echoed.
 */
@Configuration(proxyBeanMethods = false)
public class LoopbackListeners {

	@Bean
	Listeners loopbackListenerMethods(DtlsTemplate template) {
		return new Listeners(template);
	}

	static class Listeners {

		private final DtlsTemplate template;

		Listeners(DtlsTemplate template) {
			this.template = template;
		}

		@DtlsListener(id = "fail", order = 1, condition = "payload.length > 0 and payload[0] == 102")
		String fail(String text) {
			throw new IllegalStateException("Listener 'fail' rejects " + text);
		}

		@DtlsListener(id = "push", order = 2, condition = "payload.length > 0 and payload[0] == 112")
		void push(DtlsPeer peer) {
			this.template.send(peer, "pushed".getBytes(StandardCharsets.UTF_8));
		}

		@DtlsListener(id = "echo", order = 3)
		String echo(String text) {
			return text;
		}

	}

}
