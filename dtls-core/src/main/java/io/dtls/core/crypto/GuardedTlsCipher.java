package io.dtls.core.crypto;

import java.io.IOException;

import io.dtls.core.record.DtlsRecords;
import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;

/**
 * A record cipher that checks the handshake fragments it decrypts against the
 * {@link HandshakeMessageGuard}, so that encrypted handshake records (the Finished message of
 * epoch 1) cannot declare an oversized message either.
 * <p>
 * A rejected record is reported to the record layer as a bad record MAC, which Bouncy Castle
 * discards silently as RFC 6347 4.1.2.7 requires for invalid records.
 */
final class GuardedTlsCipher implements TlsCipher {

	private final TlsCipher delegate;

	private final HandshakeMessageGuard guard;

	private final Runnable rejectionCounter;

	GuardedTlsCipher(TlsCipher delegate, HandshakeMessageGuard guard, Runnable rejectionCounter) {
		this.delegate = delegate;
		this.guard = guard;
		this.rejectionCounter = rejectionCounter;
	}

	@Override
	public TlsDecodeResult decodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion,
			byte[] ciphertext, int offset, int len) throws IOException {
		TlsDecodeResult result = this.delegate.decodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset,
				len);
		if (result.contentType == DtlsRecords.CONTENT_TYPE_HANDSHAKE
				&& !this.guard.admitsHandshake(result.buf, result.off, result.len)) {
			this.rejectionCounter.run();
			throw new TlsFatalAlert(AlertDescription.bad_record_mac);
		}
		return result;
	}

	@Override
	public TlsEncodeResult encodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion,
			int headerAllocation, byte[] plaintext, int offset, int len) throws IOException {
		return this.delegate.encodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext, offset,
				len);
	}

	@Override
	public int getCiphertextDecodeLimit(int plaintextLimit) {
		return this.delegate.getCiphertextDecodeLimit(plaintextLimit);
	}

	@Override
	public int getCiphertextEncodeLimit(int plaintextLimit) {
		return this.delegate.getCiphertextEncodeLimit(plaintextLimit);
	}

	@Override
	public int getPlaintextDecodeLimit(int ciphertextLimit) {
		return this.delegate.getPlaintextDecodeLimit(ciphertextLimit);
	}

	@Override
	public int getPlaintextEncodeLimit(int ciphertextLimit) {
		return this.delegate.getPlaintextEncodeLimit(ciphertextLimit);
	}

	@Override
	public void rekeyDecoder() throws IOException {
		this.delegate.rekeyDecoder();
	}

	@Override
	public void rekeyEncoder() throws IOException {
		this.delegate.rekeyEncoder();
	}

	@Override
	public boolean usesOpaqueRecordTypeDecode() {
		return this.delegate.usesOpaqueRecordTypeDecode();
	}

	@Override
	public boolean usesOpaqueRecordTypeEncode() {
		return this.delegate.usesOpaqueRecordTypeEncode();
	}

}
