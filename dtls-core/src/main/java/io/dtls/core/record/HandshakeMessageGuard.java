package io.dtls.core.record;

/**
 * Rejects handshake fragments that declare a message longer than a configured maximum, before
 * Bouncy Castle reads them.
 * <p>
 * Bouncy Castle's DTLS handshake layer (bctls 1.84) allocates its reassembly buffer from the
 * message length a fragment declares, up to 2^24 - 1 bytes, before any other fragment arrives
 * (CVE-2026-59646, fixed in bctls 1.85). A few small datagrams could therefore claim many
 * megabytes each. This guard reads the 24-bit length of every handshake fragment and rejects
 * the datagram when one exceeds the maximum. Plaintext (epoch 0) records are checked here on
 * the receive path; encrypted handshake records, the Finished message, are checked after
 * decryption by the engine's crypto back-end.
 */
public final class HandshakeMessageGuard {

	/**
	 * Default maximum handshake message length: 64 KiB, well above a Certificate message with a
	 * chain of several RSA 4096 certificates.
	 */
	public static final int DEFAULT_MAX_HANDSHAKE_MESSAGE_LENGTH = 64 * 1024;

	private final int maxMessageLength;

	public HandshakeMessageGuard(int maxMessageLength) {
		if (maxMessageLength < 1024) {
			throw new IllegalArgumentException(
					"Maximum handshake message length must be at least 1024 bytes, but was " + maxMessageLength);
		}
		this.maxMessageLength = maxMessageLength;
	}

	public int maxMessageLength() {
		return this.maxMessageLength;
	}

	/**
	 * Returns whether every plaintext handshake fragment in the datagram declares an acceptable
	 * message length. Records of other content types and epochs are not inspected; truncated
	 * records end the scan, because the record layer discards them anyway.
	 */
	public boolean admitsDatagram(byte[] datagram, int length) {
		int position = 0;
		while (length - position >= DtlsRecords.RECORD_HEADER_LENGTH) {
			int fragmentLength = DtlsRecords.fragmentLength(datagram, position);
			int bodyOffset = position + DtlsRecords.RECORD_HEADER_LENGTH;
			int available = Math.min(fragmentLength, length - bodyOffset);
			if (DtlsRecords.contentType(datagram, position) == DtlsRecords.CONTENT_TYPE_HANDSHAKE
					&& DtlsRecords.epoch(datagram, position) == 0 && !admitsHandshake(datagram, bodyOffset, available)) {
				return false;
			}
			position = bodyOffset + fragmentLength;
		}
		return true;
	}

	/**
	 * Returns whether every fragment in a plaintext handshake record body declares an acceptable
	 * message length.
	 */
	public boolean admitsHandshake(byte[] body, int offset, int length) {
		return DtlsRecords.maxDeclaredHandshakeLength(body, offset, length) <= this.maxMessageLength;
	}

}
