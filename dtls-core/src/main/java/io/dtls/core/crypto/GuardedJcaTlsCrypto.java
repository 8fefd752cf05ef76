package io.dtls.core.crypto;

import java.io.IOException;
import java.security.SecureRandom;

import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Bouncy Castle's JCA-based crypto on the JVM's installed providers, with record ciphers
 * wrapped in a {@link GuardedTlsCipher}.
 */
final class GuardedJcaTlsCrypto extends JcaTlsCrypto {

	private final HandshakeMessageGuard guard;

	private final Runnable rejectionCounter;

	GuardedJcaTlsCrypto(SecureRandom random, HandshakeMessageGuard guard, Runnable rejectionCounter) {
		super(new DefaultJcaJceHelper(), random, random);
		this.guard = guard;
		this.rejectionCounter = rejectionCounter;
	}

	@Override
	public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
			throws IOException {
		return new GuardedTlsCipher(super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm), this.guard,
				this.rejectionCounter);
	}

	/**
	 * Creates an unguarded instance for record ciphers that a {@link HybridTlsCrypto} wraps itself.
	 */
	static JcaTlsCrypto plain(SecureRandom random) {
		return new JcaTlsCrypto(new DefaultJcaJceHelper(), random, random) {
		};
	}

}
