package io.dtls.spring;

import org.springframework.integration.ip.IpHeaders;

/**
 * Names of the message headers that carry a DTLS peer's details. The address and port reuse
 * Spring Integration's {@link IpHeaders} names, so code written for the UDP and TCP adapters
 * reads DTLS messages unchanged.
 *
 * @since 0.1.0
 */
public final class DtlsHeaders {

	/** The {@link DtlsPeer} that sent the message, and to which a reply goes. */
	public static final String PEER = "dtls_peer";

	/** The peer's IP address as a string. */
	public static final String IP_ADDRESS = IpHeaders.IP_ADDRESS;

	/** The peer's host name or address literal, without a DNS look-up. */
	public static final String HOSTNAME = IpHeaders.HOSTNAME;

	/** The peer's UDP port. */
	public static final String PORT = IpHeaders.PORT;

	/** The id of the DTLS connection, unique within the JVM. */
	public static final String CONNECTION_ID = IpHeaders.CONNECTION_ID;

	/** The DTLS session id as hex; empty when the server issued none. */
	public static final String SESSION_ID = "dtls_sessionId";

	/** The peer's {@link java.security.Principal}, absent for anonymous peers. */
	public static final String PRINCIPAL = "dtls_principal";

	/** The IANA name of the negotiated cipher suite. */
	public static final String CIPHER_SUITE = "dtls_cipherSuite";

	/**
	 * The destination of an outbound message: a {@link DtlsPeer}, an
	 * {@link java.net.InetSocketAddress} of a connected peer, or a {@code host:port} string to
	 * connect to as a client.
	 */
	public static final String DESTINATION = "dtls_destination";

	private DtlsHeaders() {
	}

}
