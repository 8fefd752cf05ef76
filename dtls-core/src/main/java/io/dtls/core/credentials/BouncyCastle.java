package io.dtls.core.credentials;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Shared Bouncy Castle provider instance for this package.
 *
 * <p>The instance is passed explicitly to each JCA call instead of being registered with
 * {@code Security.addProvider}, so loading credentials never changes the provider list of the application.
 * Creating a provider is slow, so the package keeps one.
 */
final class BouncyCastle {

	static final Provider PROVIDER = new BouncyCastleProvider();

	private BouncyCastle() {
	}
}
