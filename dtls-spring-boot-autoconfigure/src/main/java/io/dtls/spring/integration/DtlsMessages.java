package io.dtls.spring.integration;

import java.security.Principal;

import io.dtls.core.DtlsConnection;
import io.dtls.spring.DtlsHeaders;
import io.dtls.spring.DtlsPeer;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Builds the Spring message for a payload received on a DTLS connection, with the
 * {@link DtlsHeaders} that describe the peer.
 *
 * @since 0.1.0
 */
public final class DtlsMessages {

	private DtlsMessages() {
	}

	public static Message<byte[]> toMessage(DtlsConnection connection, byte[] payload) {
		return toMessage(new DtlsPeer(connection), payload);
	}

	public static Message<byte[]> toMessage(DtlsPeer peer, byte[] payload) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(payload)
			.setHeader(DtlsHeaders.PEER, peer)
			.setHeader(DtlsHeaders.IP_ADDRESS, peer.address().getAddress().getHostAddress())
			.setHeader(DtlsHeaders.HOSTNAME, peer.address().getHostString())
			.setHeader(DtlsHeaders.PORT, peer.address().getPort())
			.setHeader(DtlsHeaders.CONNECTION_ID, peer.connectionId())
			.setHeader(DtlsHeaders.SESSION_ID, peer.session().sessionId())
			.setHeader(DtlsHeaders.CIPHER_SUITE, peer.cipherSuite());
		Principal principal = peer.principal();
		if (principal != null) {
			builder.setHeader(DtlsHeaders.PRINCIPAL, principal);
		}
		return builder.build();
	}

}
