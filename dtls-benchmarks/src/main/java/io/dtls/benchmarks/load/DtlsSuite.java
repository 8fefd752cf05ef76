package io.dtls.benchmarks.load;

/**
 * The two DTLS cipher suites the suite measures: the common certificate suite, and the PSK
 * suite of CoAP (RFC 7252).
 */
public enum DtlsSuite {

	/** Full handshakes with ECDHE on P-256 and ECDSA P-256 signatures; AES-128-GCM records. */
	ECDHE_ECDSA_AES_128_GCM("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),

	/** Pre-shared key, no key exchange; AES-128-CCM with an 8-byte tag. */
	PSK_AES_128_CCM_8("TLS_PSK_WITH_AES_128_CCM_8");

	private final String ianaName;

	DtlsSuite(String ianaName) {
		this.ianaName = ianaName;
	}

	public String ianaName() {
		return this.ianaName;
	}

}
