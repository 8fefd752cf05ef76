package io.dtls.core.record;

/**
 * Reads the plaintext headers of DTLS 1.2 records (RFC 6347 4.1) and handshake messages
 * (RFC 6347 4.2.2) without allocating.
 * <p>
 * A record header is 13 bytes: content type (1), version (2), epoch (2), sequence number (6)
 * and length (2). A handshake message header is 12 bytes: type (1), length (3), message
 * sequence (2), fragment offset (3) and fragment length (3).
 */
public final class DtlsRecords {

	public static final int RECORD_HEADER_LENGTH = 13;

	public static final int HANDSHAKE_HEADER_LENGTH = 12;

	public static final int CONTENT_TYPE_CHANGE_CIPHER_SPEC = 20;

	public static final int CONTENT_TYPE_ALERT = 21;

	public static final int CONTENT_TYPE_HANDSHAKE = 22;

	public static final int CONTENT_TYPE_APPLICATION_DATA = 23;

	public static final int HANDSHAKE_TYPE_CLIENT_HELLO = 1;

	private DtlsRecords() {
	}

	public static int contentType(byte[] datagram, int offset) {
		return datagram[offset] & 0xFF;
	}

	public static int epoch(byte[] datagram, int offset) {
		return readUint16(datagram, offset + 3);
	}

	/**
	 * Returns the length of the record's fragment, the bytes after its 13-byte header.
	 */
	public static int fragmentLength(byte[] datagram, int offset) {
		return readUint16(datagram, offset + 11);
	}

	/**
	 * Returns whether the datagram starts with a handshake record of epoch 0 whose first message
	 * is a ClientHello: the start of a new handshake, from a new peer or from a peer that lost
	 * its state (RFC 6347 4.2.8).
	 */
	public static boolean isClientHello(byte[] datagram, int length) {
		return length >= RECORD_HEADER_LENGTH + HANDSHAKE_HEADER_LENGTH
				&& contentType(datagram, 0) == CONTENT_TYPE_HANDSHAKE && epoch(datagram, 0) == 0
				&& (datagram[RECORD_HEADER_LENGTH] & 0xFF) == HANDSHAKE_TYPE_CLIENT_HELLO;
	}

	/**
	 * Returns the largest message length declared by the handshake fragments in the plaintext
	 * handshake body {@code buffer[offset, offset + length)}, or -1 when it holds no complete
	 * fragment header.
	 */
	public static int maxDeclaredHandshakeLength(byte[] buffer, int offset, int length) {
		int max = -1;
		int position = offset;
		int end = offset + length;
		while (end - position >= HANDSHAKE_HEADER_LENGTH) {
			int declared = readUint24(buffer, position + 1);
			int fragmentLength = readUint24(buffer, position + 9);
			max = Math.max(max, declared);
			position += HANDSHAKE_HEADER_LENGTH + fragmentLength;
		}
		return max;
	}

	static int readUint16(byte[] buffer, int offset) {
		return ((buffer[offset] & 0xFF) << 8) | (buffer[offset + 1] & 0xFF);
	}

	static int readUint24(byte[] buffer, int offset) {
		return ((buffer[offset] & 0xFF) << 16) | ((buffer[offset + 1] & 0xFF) << 8) | (buffer[offset + 2] & 0xFF);
	}

}
