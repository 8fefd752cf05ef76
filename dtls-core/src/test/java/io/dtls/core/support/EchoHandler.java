package io.dtls.core.support;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;

/**
 * Sends every message back to its sender.
 */
public final class EchoHandler implements DtlsConnectionHandler {

	@Override
	public void onMessage(DtlsConnection connection, byte[] payload) {
		connection.send(payload);
	}

}
