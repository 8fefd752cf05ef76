package io.dtls.spring.integration;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;
import org.springframework.integration.endpoint.MessageProducerSupport;

/**
 * Turns every message a DTLS endpoint receives into a Spring message on the output channel,
 * with the {@link io.dtls.spring.DtlsHeaders}. It is the endpoint's
 * {@link DtlsConnectionHandler}: give it to {@code DtlsServerBuilder.handler(...)} or
 * {@code DtlsClientBuilder.handler(...)}.
 * <p>
 * The engine calls it for one connection at a time and in arrival order, so a
 * {@link org.springframework.integration.channel.DirectChannel} downstream keeps each peer's
 * order; an executor channel would give that up. While the adapter is stopped, received
 * messages are dropped and logged at DEBUG.
 *
 * @since 0.1.0
 */
public class DtlsInboundChannelAdapter extends MessageProducerSupport implements DtlsConnectionHandler {

	@Override
	public String getComponentType() {
		return "dtls:inbound-channel-adapter";
	}

	@Override
	public void onMessage(DtlsConnection connection, byte[] payload) {
		if (!isRunning()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Adapter is stopped; dropped a message of " + payload.length + " bytes from "
						+ connection.peerAddress() + " on connection " + connection.id());
			}
			return;
		}
		sendMessage(DtlsMessages.toMessage(connection, payload));
	}

}
