package io.dtls.core.interop;

import java.util.Map;

import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.cipher.KeyExchange;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.TestPki;

/**
 * The cipher suites of the interop matrix, with the names each peer uses for them. The OpenSSL
 * names are those that {@code openssl ciphers -stdname} 3.0 prints next to the IANA names. The
 * GnuTLS names are those of its debug log, which {@code gnutls-cli -l} 3.7.9 lists with the
 * prefix {@code TLS_} in place of {@code GNUTLS_}.
 */
enum InteropSuite {

	ECDHE_ECDSA_AES_128_GCM("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
			"GNUTLS_ECDHE_ECDSA_AES_128_GCM_SHA256", "ECDHE-ECDSA", "AES-128-GCM"),

	ECDHE_RSA_AES_256_GCM("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
			"GNUTLS_ECDHE_RSA_AES_256_GCM_SHA384", "ECDHE-RSA", "AES-256-GCM"),

	ECDHE_ECDSA_AES_128_CCM_8("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE-ECDSA-AES128-CCM8",
			"GNUTLS_ECDHE_ECDSA_AES_128_CCM_8", "ECDHE-ECDSA", "AES-128-CCM-8"),

	PSK_AES_128_CCM_8("TLS_PSK_WITH_AES_128_CCM_8", "PSK-AES128-CCM8", "GNUTLS_PSK_AES_128_CCM_8", "PSK",
			"AES-128-CCM-8"),

	ECDHE_PSK_CHACHA20("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-PSK-CHACHA20-POLY1305",
			"GNUTLS_ECDHE_PSK_CHACHA20_POLY1305", "ECDHE-PSK", "CHACHA20-POLY1305");

	/** The PSK identity that the PSK cells use on both sides. */
	static final String PSK_IDENTITY = "sensor-1";

	private final String ianaName;

	private final String openSslName;

	private final String gnuTlsName;

	private final String gnuTlsKeyExchange;

	private final String gnuTlsCipher;

	InteropSuite(String ianaName, String openSslName, String gnuTlsName, String gnuTlsKeyExchange,
			String gnuTlsCipher) {
		this.ianaName = ianaName;
		this.openSslName = openSslName;
		this.gnuTlsName = gnuTlsName;
		this.gnuTlsKeyExchange = gnuTlsKeyExchange;
		this.gnuTlsCipher = gnuTlsCipher;
	}

	/**
	 * Returns the IANA name, such as {@code TLS_PSK_WITH_AES_128_CCM_8}, which the engine's
	 * {@code DtlsSession}, the JDK and Scandium report.
	 */
	String ianaName() {
		return this.ianaName;
	}

	/**
	 * Returns the name for {@code -cipher} of {@code openssl s_client} and {@code s_server},
	 * which they also print after the handshake.
	 */
	String openSslName() {
		return this.openSslName;
	}

	/**
	 * Returns the name that GnuTLS logs at debug level 4 as "Selected cipher suite".
	 */
	String gnuTlsName() {
		return this.gnuTlsName;
	}

	/**
	 * Returns a GnuTLS priority string that allows DTLS 1.2 with this suite only.
	 */
	String gnuTlsPriority() {
		return "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+" + this.gnuTlsKeyExchange + ":-CIPHER-ALL:+"
				+ this.gnuTlsCipher;
	}

	KeyExchange keyExchange() {
		return DtlsCipherSuite.forName(this.ianaName).keyExchange();
	}

	boolean usesPsk() {
		return !keyExchange().usesCertificate();
	}

	/**
	 * Issues a server certificate from {@code pki} with the key type of this suite's key
	 * exchange: RSA for ECDHE_RSA, EC otherwise.
	 */
	X509Credentials serverCredentials(TestPki pki) {
		return pki.server(keyExchange() == KeyExchange.ECDHE_RSA);
	}

	/**
	 * Gives an engine server what this suite's key exchange needs: the PSK {@code psk} under
	 * {@link #PSK_IDENTITY}, or a server certificate of the matching key type from {@code pki}.
	 * The server keeps its default cipher suites, so the peer picks the suite.
	 */
	DtlsServerBuilder configure(DtlsServerBuilder server, TestPki pki, byte[] psk) {
		if (usesPsk()) {
			return server.pskStore(StaticPskStore.of(Map.of(PSK_IDENTITY, psk)));
		}
		return server.credentials(serverCredentials(pki));
	}

	/**
	 * Gives an engine client what this suite's key exchange needs: the PSK {@code psk} under
	 * {@link #PSK_IDENTITY}, or trust in the root of {@code pki}. The client keeps its default
	 * cipher suites, so the peer picks the suite.
	 */
	DtlsClientBuilder configure(DtlsClientBuilder client, TestPki pki, byte[] psk) {
		if (usesPsk()) {
			return client.pskIdentity(PskIdentity.of(PSK_IDENTITY, psk));
		}
		return client.trust(pki.trust());
	}

	@Override
	public String toString() {
		return this.ianaName;
	}

}
