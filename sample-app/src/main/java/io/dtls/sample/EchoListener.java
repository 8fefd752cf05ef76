package io.dtls.sample;

import io.dtls.spring.DtlsPeer;
import io.dtls.spring.listener.DtlsListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Sends every text message back unchanged. It has no condition and the highest order, so it
 * handles whatever the other listeners do not.
 */
@Component
@Profile("!client")
class EchoListener {

	private static final Log logger = LogFactory.getLog(EchoListener.class);

	@DtlsListener(id = "echo", order = 100)
	String echo(String text, DtlsPeer peer) {
		logger.info("Echoing " + text.length() + " characters to " + peer.address());
		return text;
	}

}
