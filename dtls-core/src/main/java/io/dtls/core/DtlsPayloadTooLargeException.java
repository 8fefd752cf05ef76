package io.dtls.core;

/**
 * Raised when a payload does not fit into one DTLS record of the connection. The engine never
 * splits or truncates a payload: one send is one record is one datagram.
 *
 * @since 0.1.0
 */
public class DtlsPayloadTooLargeException extends DtlsException {

	private static final long serialVersionUID = 1L;

	private final int payloadSize;

	private final int sendLimit;

	public DtlsPayloadTooLargeException(int payloadSize, int sendLimit) {
		super("Payload of " + payloadSize + " bytes exceeds the connection's send limit of " + sendLimit
				+ " bytes; send smaller messages or raise the maximum datagram size on both peers");
		this.payloadSize = payloadSize;
		this.sendLimit = sendLimit;
	}

	public int getPayloadSize() {
		return this.payloadSize;
	}

	/**
	 * Returns the largest payload, in bytes, that one record of the connection carries.
	 */
	public int getSendLimit() {
		return this.sendLimit;
	}

}
