package io.dtls.core.crypto;

import java.io.IOException;
import java.security.SecureRandom;

import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Bouncy Castle's lightweight crypto for key exchange, signatures, hashes and the PRF, with
 * AES-GCM record protection delegated to the JCA.
 * <p>
 * Mixing works because a record cipher depends only on the key block, which Bouncy Castle
 * derives from the master secret and hands to whichever implementation creates the cipher.
 */
final class HybridTlsCrypto extends GuardedBcTlsCrypto {

	private final JcaTlsCrypto recordCrypto;

	HybridTlsCrypto(SecureRandom random, JcaTlsCrypto recordCrypto, HandshakeMessageGuard guard,
			Runnable rejectionCounter) {
		super(random, guard, rejectionCounter);
		this.recordCrypto = recordCrypto;
	}

	@Override
	public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
			throws IOException {
		boolean gcm = encryptionAlgorithm == EncryptionAlgorithm.AES_128_GCM
				|| encryptionAlgorithm == EncryptionAlgorithm.AES_256_GCM;
		if (gcm && this.recordCrypto.hasEncryptionAlgorithm(encryptionAlgorithm)) {
			return guard(this.recordCrypto.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm));
		}
		return super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
	}

}
