package io.dtls.core.support;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import io.dtls.core.client.DtlsClient;

import static org.awaitility.Awaitility.await;

/**
 * Builds and takes apart raw DTLS datagrams for tests that play a peer byte by byte: a real
 * ClientHello captured from the engine's client, the cookie of a HelloVerifyRequest, and a
 * ClientHello with a given cookie (RFC 6347 4.2.1 and 4.2.2).
 */
public final class RawDtls {

	private static final int RECORD_HEADER = 13;

	private static final int HANDSHAKE_HEADER = 12;

	private RawDtls() {
	}

	/**
	 * Captures the first ClientHello, without a cookie, that the engine's client sends.
	 */
	public static byte[] captureClientHello() throws Exception {
		Set<Thread> existing = Set.copyOf(Thread.getAllStackTraces().keySet());
		byte[] clientHello;
		try (DatagramSocket fakeServer = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
				DtlsClient client = DtlsClient.builder()
					.trust(io.dtls.core.credentials.TrustMaterial
						.of(java.util.List.of(TestPki.create("capture").root())))
					.build()) {
			fakeServer.setSoTimeout(5000);
			client.connectAsync("127.0.0.1", fakeServer.getLocalPort(), Duration.ofSeconds(5));
			DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
			fakeServer.receive(packet);
			clientHello = Arrays.copyOf(packet.getData(), packet.getLength());
		}
		// The client's threads end shortly after close. Tests that check that the engine's
		// threads stay alive must not find them among those threads.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> !existing.contains(thread) && thread.getName().startsWith("dtls-client-")));
		return clientHello;
	}

	/**
	 * Returns the cookie carried by a HelloVerifyRequest datagram.
	 */
	public static byte[] cookieOf(byte[] helloVerifyRequest) {
		int offset = RECORD_HEADER + HANDSHAKE_HEADER + 2;
		int length = helloVerifyRequest[offset] & 0xFF;
		return Arrays.copyOfRange(helloVerifyRequest, offset + 1, offset + 1 + length);
	}

	/**
	 * Returns the handshake message type of the first record in a datagram.
	 */
	public static int handshakeType(byte[] datagram) {
		return datagram[RECORD_HEADER] & 0xFF;
	}

	/**
	 * Rebuilds a single-record ClientHello with the given cookie in place of its own, fixing
	 * the handshake and record lengths, and with a new record sequence number.
	 */
	public static byte[] withCookie(byte[] clientHello, byte[] cookie, int recordSequence) {
		int body = RECORD_HEADER + HANDSHAKE_HEADER;
		int sessionIdOffset = body + 2 + 32;
		int sessionIdLength = clientHello[sessionIdOffset] & 0xFF;
		int cookieOffset = sessionIdOffset + 1 + sessionIdLength;
		int oldCookieLength = clientHello[cookieOffset] & 0xFF;

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(clientHello, 0, cookieOffset);
		out.write(cookie.length);
		out.write(cookie, 0, cookie.length);
		int rest = cookieOffset + 1 + oldCookieLength;
		out.write(clientHello, rest, clientHello.length - rest);
		byte[] result = out.toByteArray();

		int messageLength = result.length - body;
		writeUint24(result, RECORD_HEADER + 1, messageLength);
		writeUint24(result, RECORD_HEADER + 9, messageLength);
		writeUint16(result, 11, result.length - RECORD_HEADER);
		writeUint16(result, 9, recordSequence);
		return result;
	}

	/**
	 * Builds a plaintext handshake record of epoch 0 carrying one fragment header that declares
	 * {@code declaredLength} bytes, with a few bytes of fragment data.
	 */
	public static byte[] handshakeFragment(int messageType, int messageSequence, int declaredLength,
			int recordSequence) {
		int fragmentLength = 16;
		byte[] datagram = new byte[RECORD_HEADER + HANDSHAKE_HEADER + fragmentLength];
		datagram[0] = 22;
		datagram[1] = (byte) 0xFE;
		datagram[2] = (byte) 0xFD;
		writeUint16(datagram, 9, recordSequence);
		writeUint16(datagram, 11, HANDSHAKE_HEADER + fragmentLength);
		datagram[RECORD_HEADER] = (byte) messageType;
		writeUint24(datagram, RECORD_HEADER + 1, declaredLength);
		writeUint16(datagram, RECORD_HEADER + 4, messageSequence);
		writeUint24(datagram, RECORD_HEADER + 6, 0);
		writeUint24(datagram, RECORD_HEADER + 9, fragmentLength);
		return datagram;
	}

	private static void writeUint16(byte[] buffer, int offset, int value) {
		buffer[offset] = (byte) (value >>> 8);
		buffer[offset + 1] = (byte) value;
	}

	private static void writeUint24(byte[] buffer, int offset, int value) {
		buffer[offset] = (byte) (value >>> 16);
		buffer[offset + 1] = (byte) (value >>> 8);
		buffer[offset + 2] = (byte) value;
	}

}
