package io.dtls.core.handshake;

import java.util.List;

import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.cipher.KeyExchange;
import io.dtls.core.credentials.KeyType;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * Narrows the configured cipher suites to those the available credentials can serve.
 */
final class CipherSuiteSelection {

	private CipherSuiteSelection() {
	}

	/**
	 * Returns the code points of the usable suites, in configured order.
	 * @param certificateKey the key type of the certificate, or {@code null} without one
	 * @param psk whether a pre-shared key is available
	 */
	static int[] usable(List<DtlsCipherSuite> configured, @Nullable KeyType certificateKey, boolean psk,
			TlsCrypto crypto) {
		int[] codes = configured.stream()
			.filter((suite) -> isUsable(suite.keyExchange(), certificateKey, psk))
			.mapToInt(DtlsCipherSuite::code)
			.toArray();
		return TlsUtils.getSupportedCipherSuites(crypto, codes);
	}

	private static boolean isUsable(KeyExchange keyExchange, @Nullable KeyType certificateKey, boolean psk) {
		return switch (keyExchange) {
			case ECDHE_ECDSA -> certificateKey == KeyType.EC;
			case ECDHE_RSA -> certificateKey == KeyType.RSA;
			case PSK, ECDHE_PSK -> psk;
		};
	}

}
