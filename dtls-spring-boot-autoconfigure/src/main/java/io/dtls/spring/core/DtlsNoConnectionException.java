package io.dtls.spring.core;

import java.net.InetSocketAddress;

import io.dtls.core.DtlsException;

/**
 * Raised when a message is addressed to a peer that has no open connection to the server.
 * DTLS servers cannot reach peers on their own: the peer must connect first.
 *
 * @since 0.1.0
 */
public class DtlsNoConnectionException extends DtlsException {

	private static final long serialVersionUID = 1L;

	public DtlsNoConnectionException(InetSocketAddress peer) {
		super("No open DTLS connection from " + peer + "; a server can only send to peers that have connected to it");
	}

}
