package io.dtls.core.crypto;

import java.util.Random;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * AES-CCM on the JDK's AES, checked against Bouncy Castle's lightweight CCM in both directions,
 * for the key and tag sizes of the TLS CCM suites and record lengths up to a full datagram.
 */
class JcaCcmCipherTest {

	private static final int[] PAYLOAD_LENGTHS = { 0, 1, 15, 16, 17, 100, 1000, 1400 };

	/** TLS's record header as additional data: sequence, type, version and length. */
	private static final int ADDITIONAL_DATA_LENGTH = 13;

	/** TLS's nonce: 4 bytes from the key block and 8 explicit bytes. */
	private static final int NONCE_LENGTH = 12;

	private final Random random = new Random(42);

	@ParameterizedTest(name = "{0}-byte key, {1}-byte tag")
	@CsvSource({ "16, 8", "16, 16", "32, 8", "32, 16" })
	void encryptsAsBouncyCastle(int keyLength, int macSize) throws Exception {
		for (int payloadLength : PAYLOAD_LENGTHS) {
			Record record = randomRecord(keyLength, payloadLength);
			JcaCcmCipher cipher = cipher(true, record, macSize);
			byte[] ours = new byte[cipher.getOutputSize(payloadLength)];

			int written = cipher.doFinal(record.additionalData, record.payload, 0, payloadLength, ours, 0);

			assertThat(written).isEqualTo(payloadLength + macSize);
			assertThat(ours).as("ciphertext and tag of %d bytes", payloadLength)
				.isEqualTo(bouncyCastle(true, record, macSize, record.payload));
		}
	}

	@ParameterizedTest(name = "{0}-byte key, {1}-byte tag")
	@CsvSource({ "16, 8", "16, 16", "32, 8", "32, 16" })
	void decryptsBouncyCastleRecords(int keyLength, int macSize) throws Exception {
		for (int payloadLength : PAYLOAD_LENGTHS) {
			Record record = randomRecord(keyLength, payloadLength);
			byte[] sealed = bouncyCastle(true, record, macSize, record.payload);
			JcaCcmCipher cipher = cipher(false, record, macSize);
			byte[] opened = new byte[cipher.getOutputSize(sealed.length)];

			int written = cipher.doFinal(record.additionalData, sealed, 0, sealed.length, opened, 0);

			assertThat(written).isEqualTo(payloadLength);
			assertThat(opened).isEqualTo(record.payload);
		}
	}

	@ParameterizedTest(name = "byte {0} changed")
	@CsvSource({ "0", "99", "100", "107" })
	void rejectsAlteredRecord(int alteredByte) throws Exception {
		Record record = randomRecord(16, 100);
		byte[] sealed = bouncyCastle(true, record, 8, record.payload);
		sealed[alteredByte] ^= 1;
		JcaCcmCipher cipher = cipher(false, record, 8);

		assertThatExceptionOfType(TlsFatalAlert.class)
			.isThrownBy(() -> cipher.doFinal(record.additionalData, sealed, 0, sealed.length, new byte[100], 0))
			.satisfies((alert) -> assertThat(alert.getAlertDescription()).isEqualTo(AlertDescription.bad_record_mac));
	}

	@ParameterizedTest(name = "additional data byte {0} changed")
	@CsvSource({ "0", "12" })
	void rejectsAlteredHeader(int alteredByte) throws Exception {
		Record record = randomRecord(16, 100);
		byte[] sealed = bouncyCastle(true, record, 8, record.payload);
		record.additionalData[alteredByte] ^= 1;
		JcaCcmCipher cipher = cipher(false, record, 8);

		assertThatExceptionOfType(TlsFatalAlert.class)
			.isThrownBy(() -> cipher.doFinal(record.additionalData, sealed, 0, sealed.length, new byte[100], 0));
	}

	private Record randomRecord(int keyLength, int payloadLength) {
		Record record = new Record(new byte[keyLength], new byte[NONCE_LENGTH], new byte[ADDITIONAL_DATA_LENGTH],
				new byte[payloadLength]);
		this.random.nextBytes(record.key);
		this.random.nextBytes(record.nonce);
		this.random.nextBytes(record.additionalData);
		this.random.nextBytes(record.payload);
		return record;
	}

	private static JcaCcmCipher cipher(boolean encrypting, Record record, int macSize) throws Exception {
		JcaCcmCipher cipher = new JcaCcmCipher(encrypting);
		cipher.setKey(record.key, 0, record.key.length);
		cipher.init(record.nonce, macSize);
		return cipher;
	}

	private static byte[] bouncyCastle(boolean encrypting, Record record, int macSize, byte[] input)
			throws Exception {
		CCMBlockCipher ccm = new CCMBlockCipher(AESEngine.newInstance());
		ccm.init(encrypting, new AEADParameters(new KeyParameter(record.key), macSize * 8, record.nonce,
				record.additionalData));
		byte[] output = new byte[ccm.getOutputSize(input.length)];
		int length = ccm.processBytes(input, 0, input.length, output, 0);
		ccm.doFinal(output, length);
		return output;
	}

	private record Record(byte[] key, byte[] nonce, byte[] additionalData, byte[] payload) {
	}

}
