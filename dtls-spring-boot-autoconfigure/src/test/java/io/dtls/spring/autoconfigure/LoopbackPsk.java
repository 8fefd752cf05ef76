package io.dtls.spring.autoconfigure;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;

import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.PskIdentity;

/**
 * The pre-shared key that the operations tests give the auto-configured server on 127.0.0.1,
 * and engine clients and raw UDP senders that reach it.
 */
public final class LoopbackPsk {

	/** PSK identity known to the server. */
	public static final String IDENTITY = "sensor-1";

	/** The key of {@link #IDENTITY} in hex. */
	public static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f";

	/** Properties of a server on a free port of 127.0.0.1 that accepts {@link #IDENTITY}. */
	public static final String[] SERVER_PROPERTIES = { "dtls.server.port=0", "dtls.server.address=127.0.0.1",
			"dtls.server.psk.identities." + IDENTITY + "=hex:" + KEY_HEX };

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private LoopbackPsk() {
	}

	/**
	 * Creates a client that presents {@link #IDENTITY} with its key.
	 */
	public static DtlsClient client() {
		return client(IDENTITY, HexFormat.of().parseHex(KEY_HEX));
	}

	/**
	 * Creates a client that presents any identity and key, for handshakes that must fail.
	 */
	public static DtlsClient client(String identity, byte[] key) {
		return DtlsClient.builder()
			.pskIdentity(PskIdentity.of(identity, key))
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
	}

	/**
	 * Sends one plain UDP datagram, which is not DTLS, to {@code server}.
	 */
	public static void sendRawDatagram(InetSocketAddress server, byte[] datagram) throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			socket.send(new DatagramPacket(datagram, datagram.length, server));
		}
	}

}
