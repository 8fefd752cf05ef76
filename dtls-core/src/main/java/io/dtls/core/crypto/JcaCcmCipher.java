package io.dtls.core.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.jspecify.annotations.Nullable;

/**
 * AES-CCM (RFC 3610, as TLS uses it per RFC 6655) on the JDK's AES, one direction of a
 * connection.
 * <p>
 * The JDK has no CCM mode, but CCM is a CBC-MAC followed by counter mode, and the JDK has both
 * parts. The MAC is the last block of an AES-CBC encryption with a zero IV over the formatted
 * input. The encryption is AES-CTR from counter block A0, whose first key stream block encrypts
 * the tag. Each part takes one JCA call per record and runs on the processor's AES instructions
 * where the JDK uses them, while Bouncy Castle's lightweight CCM encrypts block by block in Java.
 */
final class JcaCcmCipher implements TlsAEADCipherImpl {

	private static final int BLOCK = 16;

	private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK]);

	private final boolean encrypting;

	private final Cipher mac;

	private final Cipher counter;

	private @Nullable SecretKeySpec key;

	private byte[] nonce = new byte[0];

	private int macSize;

	/**
	 * @throws GeneralSecurityException if the JDK lacks AES in CBC or CTR mode
	 */
	JcaCcmCipher(boolean encrypting) throws GeneralSecurityException {
		this.encrypting = encrypting;
		this.mac = Cipher.getInstance("AES/CBC/NoPadding");
		this.counter = Cipher.getInstance("AES/CTR/NoPadding");
	}

	@Override
	public void setKey(byte[] key, int keyOff, int keyLen) {
		this.key = new SecretKeySpec(key, keyOff, keyLen, "AES");
	}

	@Override
	public void init(byte[] nonce, int macSize) throws IOException {
		if (nonce.length < 7 || nonce.length > 13 || macSize < 4 || macSize > BLOCK || macSize % 2 != 0) {
			throw new TlsFatalAlert(AlertDescription.internal_error,
					"Invalid CCM parameters: nonce of " + nonce.length + " bytes, tag of " + macSize + " bytes");
		}
		this.nonce = nonce.clone();
		this.macSize = macSize;
	}

	@Override
	public int getOutputSize(int inputLength) {
		return this.encrypting ? inputLength + this.macSize : inputLength - this.macSize;
	}

	@Override
	public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
			int outputOffset) throws IOException {
		SecretKeySpec key = this.key;
		if (key == null) {
			throw new TlsFatalAlert(AlertDescription.internal_error, "CCM cipher used before its key was set");
		}
		try {
			return this.encrypting ? encrypt(key, additionalData, input, inputOffset, inputLength, output, outputOffset)
					: decrypt(key, additionalData, input, inputOffset, inputLength, output, outputOffset);
		}
		catch (GeneralSecurityException ex) {
			throw new TlsFatalAlert(AlertDescription.internal_error, "AES-CCM failed in the JCA", ex);
		}
	}

	private int encrypt(SecretKeySpec key, byte[] additionalData, byte[] input, int inputOffset, int inputLength,
			byte[] output, int outputOffset) throws GeneralSecurityException {
		byte[] tag = tag(key, additionalData, input, inputOffset, inputLength);
		// Block 0 carries the tag, which key stream block S0 encrypts. The payload follows, from S1 on.
		byte[] stream = new byte[BLOCK + inputLength];
		System.arraycopy(tag, 0, stream, 0, this.macSize);
		System.arraycopy(input, inputOffset, stream, BLOCK, inputLength);
		this.counter.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counterBlockZero()));
		this.counter.doFinal(stream, 0, stream.length, stream, 0);
		System.arraycopy(stream, BLOCK, output, outputOffset, inputLength);
		System.arraycopy(stream, 0, output, outputOffset + inputLength, this.macSize);
		return inputLength + this.macSize;
	}

	private int decrypt(SecretKeySpec key, byte[] additionalData, byte[] input, int inputOffset, int inputLength,
			byte[] output, int outputOffset) throws GeneralSecurityException, IOException {
		int payloadLength = inputLength - this.macSize;
		if (payloadLength < 0) {
			throw new TlsFatalAlert(AlertDescription.bad_record_mac);
		}
		byte[] stream = new byte[BLOCK + payloadLength];
		System.arraycopy(input, inputOffset + payloadLength, stream, 0, this.macSize);
		System.arraycopy(input, inputOffset, stream, BLOCK, payloadLength);
		this.counter.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counterBlockZero()));
		this.counter.doFinal(stream, 0, stream.length, stream, 0);
		byte[] expected = tag(key, additionalData, stream, BLOCK, payloadLength);
		boolean valid = MessageDigest.isEqual(Arrays.copyOf(expected, this.macSize),
				Arrays.copyOf(stream, this.macSize));
		if (!valid) {
			Arrays.fill(stream, (byte) 0);
			throw new TlsFatalAlert(AlertDescription.bad_record_mac);
		}
		System.arraycopy(stream, BLOCK, output, outputOffset, payloadLength);
		Arrays.fill(stream, (byte) 0);
		return payloadLength;
	}

	/**
	 * Computes the CBC-MAC of RFC 3610 over block B0, the length-prefixed additional data and the
	 * payload, each padded with zeros to whole blocks.
	 * @return the full last block; the tag is its first {@code macSize} bytes
	 */
	private byte[] tag(SecretKeySpec key, byte[] additionalData, byte[] payload, int payloadOffset, int payloadLength)
			throws GeneralSecurityException {
		int lengthFieldSize = 15 - this.nonce.length;
		int adLength = additionalData.length;
		// Lengths of 2^16 - 2^8 and more take a longer prefix, which no TLS record needs.
		if (adLength >= 0xFF00 || (lengthFieldSize < 4 && payloadLength >= 1 << (8 * lengthFieldSize))) {
			throw new GeneralSecurityException("Record too large for CCM: additional data of " + adLength
					+ " bytes, payload of " + payloadLength + " bytes");
		}
		int adBlocks = (adLength == 0) ? 0 : padded(2 + adLength);
		byte[] formatted = new byte[BLOCK + adBlocks + padded(payloadLength)];
		int flags = ((adLength > 0) ? 0x40 : 0) | (((this.macSize - 2) / 2) << 3) | (lengthFieldSize - 1);
		formatted[0] = (byte) flags;
		System.arraycopy(this.nonce, 0, formatted, 1, this.nonce.length);
		for (int i = 0; i < lengthFieldSize; i++) {
			formatted[BLOCK - 1 - i] = (byte) (payloadLength >>> (8 * i));
		}
		if (adLength > 0) {
			formatted[BLOCK] = (byte) (adLength >>> 8);
			formatted[BLOCK + 1] = (byte) adLength;
			System.arraycopy(additionalData, 0, formatted, BLOCK + 2, adLength);
		}
		System.arraycopy(payload, payloadOffset, formatted, BLOCK + adBlocks, payloadLength);
		this.mac.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
		// Encrypted in place: only the last block is kept.
		this.mac.doFinal(formatted, 0, formatted.length, formatted, 0);
		byte[] last = Arrays.copyOfRange(formatted, formatted.length - BLOCK, formatted.length);
		Arrays.fill(formatted, (byte) 0);
		return last;
	}

	/**
	 * Returns counter block A0: the flags (the length field's size less one), the nonce and a
	 * counter of zero.
	 */
	private byte[] counterBlockZero() {
		byte[] block = new byte[BLOCK];
		block[0] = (byte) (15 - this.nonce.length - 1);
		System.arraycopy(this.nonce, 0, block, 1, this.nonce.length);
		return block;
	}

	private static int padded(int length) {
		return (length + BLOCK - 1) / BLOCK * BLOCK;
	}

}
