package io.dtls.sample;

import io.dtls.spring.event.DtlsConnectionClosedEvent;
import io.dtls.spring.event.DtlsConnectionOpenedEvent;
import io.dtls.spring.listener.DtlsListenerErrorHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * The sample's beans besides the listeners: the reply to invalid readings, and log lines for
 * connections.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!client")
class SampleConfiguration {

	private static final Log logger = LogFactory.getLog(SampleConfiguration.class);

	/**
	 * Replies to a message that looked like a reading but could not be parsed as one.
	 */
	@Bean
	DtlsListenerErrorHandler invalidReadingHandler() {
		return (message, exception) -> {
			Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
			logger.warn("Invalid reading from " + exception.getPeer().address() + ": " + cause.getClass().getSimpleName());
			return new Acknowledgement("unknown", "unknown", "invalid", 0);
		};
	}

	@EventListener
	void connectionOpened(DtlsConnectionOpenedEvent event) {
		logger.info("Peer " + event.getPeer().address() + " connected with " + event.getPeer().cipherSuite()
				+ ((event.getPeer().principal() != null) ? " as " + event.getPeer().principal().getName() : ""));
	}

	@EventListener
	void connectionClosed(DtlsConnectionClosedEvent event) {
		logger.info("Peer " + event.getPeer().address() + " disconnected: " + event.getReason());
	}

}
