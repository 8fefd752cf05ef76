package io.dtls.core.crypto;

import java.io.IOException;
import java.security.SecureRandom;

import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's lightweight crypto, with record ciphers wrapped in a {@link GuardedTlsCipher}.
 */
class GuardedBcTlsCrypto extends BcTlsCrypto {

	private final HandshakeMessageGuard guard;

	private final Runnable rejectionCounter;

	GuardedBcTlsCrypto(SecureRandom random, HandshakeMessageGuard guard, Runnable rejectionCounter) {
		super(random);
		this.guard = guard;
		this.rejectionCounter = rejectionCounter;
	}

	@Override
	public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
			throws IOException {
		return guard(super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm));
	}

	final TlsCipher guard(TlsCipher cipher) {
		return new GuardedTlsCipher(cipher, this.guard, this.rejectionCounter);
	}

}
