package io.dtls.core.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsHMAC;
import org.bouncycastle.tls.crypto.TlsHash;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Bouncy Castle's lightweight crypto for key exchange and signatures, with hashes, HMACs, the
 * PRF and AES record protection (GCM, and CCM built on the JDK's AES) delegated to the JCA.
 * <p>
 * Bouncy Castle's EC arithmetic is several times faster than the JDK's. The JDK, in turn,
 * computes SHA-256 with the processor's SHA instructions where it has them, and Bouncy
 * Castle's lightweight digests do not. The PRF, which derives the master secret, the key block
 * and the Finished messages, runs on HMAC-SHA-256. Mixing works because every secret, once
 * agreed, is handed to the JCA as bytes, and a record cipher depends only on the key block.
 */
final class HybridTlsCrypto extends GuardedBcTlsCrypto {

	private final JcaTlsCrypto jca;

	HybridTlsCrypto(SecureRandom random, JcaTlsCrypto jca, HandshakeMessageGuard guard, Runnable rejectionCounter) {
		super(random, guard, rejectionCounter);
		this.jca = jca;
	}

	@Override
	public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
			throws IOException {
		boolean gcm = encryptionAlgorithm == EncryptionAlgorithm.AES_128_GCM
				|| encryptionAlgorithm == EncryptionAlgorithm.AES_256_GCM;
		if (gcm && this.jca.hasEncryptionAlgorithm(encryptionAlgorithm)) {
			return guard(this.jca.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm));
		}
		return super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
	}

	/**
	 * Creates an AES-CCM record cipher on the JDK's AES, falling back to Bouncy Castle's
	 * lightweight one where the JDK lacks AES in CBC or CTR mode.
	 */
	@Override
	protected TlsAEADCipher createCipher_AES_CCM(TlsCryptoParameters cryptoParams, int cipherKeySize, int macSize)
			throws IOException {
		JcaCcmCipher encrypt;
		JcaCcmCipher decrypt;
		try {
			encrypt = new JcaCcmCipher(true);
			decrypt = new JcaCcmCipher(false);
		}
		catch (GeneralSecurityException ex) {
			return super.createCipher_AES_CCM(cryptoParams, cipherKeySize, macSize);
		}
		return new TlsAEADCipher(cryptoParams, encrypt, decrypt, cipherKeySize, macSize, TlsAEADCipher.AEAD_CCM);
	}

	/**
	 * Creates a secret whose derivations (the PRF) run on the JCA. The pre-master secret of every
	 * PSK key exchange is created here.
	 */
	@Override
	public TlsSecret createSecret(byte[] data) {
		return this.jca.createSecret(data);
	}

	/**
	 * Creates the domain of an EC key exchange, whose agreed secret moves to the JCA.
	 */
	@Override
	public TlsECDomain createECDomain(TlsECConfig ecConfig) {
		TlsECDomain domain = super.createECDomain(ecConfig);
		return () -> new JcaSecretAgreement(domain.createECDH(), this.jca);
	}

	@Override
	public TlsHash createHash(int cryptoHashAlgorithm) {
		return this.jca.hasCryptoHashAlgorithm(cryptoHashAlgorithm) ? this.jca.createHash(cryptoHashAlgorithm)
				: super.createHash(cryptoHashAlgorithm);
	}

	@Override
	public TlsHMAC createHMAC(int macAlgorithm) {
		return this.jca.hasMacAlgorithm(macAlgorithm) ? this.jca.createHMAC(macAlgorithm) : super.createHMAC(macAlgorithm);
	}

	@Override
	public TlsHMAC createHMACForHash(int cryptoHashAlgorithm) {
		return this.jca.hasCryptoHashAlgorithm(cryptoHashAlgorithm) ? this.jca.createHMACForHash(cryptoHashAlgorithm)
				: super.createHMACForHash(cryptoHashAlgorithm);
	}

	/**
	 * An EC agreement of Bouncy Castle whose result becomes a JCA secret.
	 */
	private record JcaSecretAgreement(TlsAgreement agreement, JcaTlsCrypto jca) implements TlsAgreement {

		@Override
		public byte[] generateEphemeral() throws IOException {
			return this.agreement.generateEphemeral();
		}

		@Override
		public void receivePeerValue(byte[] peerValue) throws IOException {
			this.agreement.receivePeerValue(peerValue);
		}

		@Override
		public TlsSecret calculateSecret() throws IOException {
			byte[] agreed = this.agreement.calculateSecret().extract();
			try {
				return this.jca.createSecret(agreed);
			}
			finally {
				// The JCA secret keeps a copy of its own.
				Arrays.fill(agreed, (byte) 0);
			}
		}

	}

}
