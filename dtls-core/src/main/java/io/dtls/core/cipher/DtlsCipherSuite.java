package io.dtls.core.cipher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.dtls.core.DtlsConfigurationException;
import org.bouncycastle.tls.CipherSuite;
import org.jspecify.annotations.Nullable;

/**
 * The cipher suites the engine supports: AEAD (GCM, CCM, CCM_8, ChaCha20-Poly1305) with
 * ephemeral ECDH or a pre-shared key. AEAD suites need DTLS 1.2, so a few CBC suites with
 * HMAC-SHA1 exist for legacy DTLS 1.0 peers: they are {@link #isLegacy() legacy}, never
 * default, and accepted only together with the legacy DTLS 1.0 option, because RFC 9325
 * deprecates them.
 *
 * @since 0.1.0
 */
public enum DtlsCipherSuite {

	TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, KeyExchange.ECDHE_ECDSA, true),
	TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, KeyExchange.ECDHE_ECDSA, true),
	TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			KeyExchange.ECDHE_ECDSA, true),
	TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, KeyExchange.ECDHE_RSA, true),
	TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyExchange.ECDHE_RSA, true),
	TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
			KeyExchange.ECDHE_RSA, true),
	/** The mandatory suite of CoAP with certificates (RFC 7252 9.1.3.3). */
	TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, KeyExchange.ECDHE_ECDSA, true),
	TLS_ECDHE_ECDSA_WITH_AES_128_CCM(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM, KeyExchange.ECDHE_ECDSA, false),
	TLS_ECDHE_ECDSA_WITH_AES_256_CCM(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CCM, KeyExchange.ECDHE_ECDSA, false),
	TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8, KeyExchange.ECDHE_ECDSA, false),
	TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
			KeyExchange.ECDHE_PSK, true),
	TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256(CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256, KeyExchange.ECDHE_PSK, true),
	TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384(CipherSuite.TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384, KeyExchange.ECDHE_PSK, true),
	TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256(CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256, KeyExchange.ECDHE_PSK,
			false),
	TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256(CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256, KeyExchange.ECDHE_PSK, false),
	/** The mandatory suite of CoAP with pre-shared keys (RFC 7252 9.1.3.1). */
	TLS_PSK_WITH_AES_128_CCM_8(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, KeyExchange.PSK, true),
	TLS_PSK_WITH_AES_128_GCM_SHA256(CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256, KeyExchange.PSK, true),
	TLS_PSK_WITH_AES_256_GCM_SHA384(CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384, KeyExchange.PSK, true),
	TLS_PSK_WITH_AES_128_CCM(CipherSuite.TLS_PSK_WITH_AES_128_CCM, KeyExchange.PSK, false),
	TLS_PSK_WITH_AES_256_CCM_8(CipherSuite.TLS_PSK_WITH_AES_256_CCM_8, KeyExchange.PSK, false),
	TLS_PSK_WITH_CHACHA20_POLY1305_SHA256(CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256, KeyExchange.PSK, false),
	/** CBC with HMAC-SHA1, for legacy DTLS 1.0 peers only. */
	TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, KeyExchange.ECDHE_ECDSA, false),
	/** CBC with HMAC-SHA1, for legacy DTLS 1.0 peers only. */
	TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, KeyExchange.ECDHE_RSA, false),
	/** CBC with HMAC-SHA1, for legacy DTLS 1.0 peers only. */
	TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA(CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA, KeyExchange.ECDHE_PSK, false),
	/** CBC with HMAC-SHA1, for legacy DTLS 1.0 peers only. */
	TLS_PSK_WITH_AES_128_CBC_SHA(CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA, KeyExchange.PSK, false);

	private final int code;

	private final KeyExchange keyExchange;

	private final boolean enabledByDefault;

	DtlsCipherSuite(int code, KeyExchange keyExchange, boolean enabledByDefault) {
		this.code = code;
		this.keyExchange = keyExchange;
		this.enabledByDefault = enabledByDefault;
	}

	/**
	 * Returns the suite's two-byte IANA code point.
	 */
	public int code() {
		return this.code;
	}

	public KeyExchange keyExchange() {
		return this.keyExchange;
	}

	/**
	 * Returns whether the suite is in {@link #defaults()}.
	 */
	public boolean isEnabledByDefault() {
		return this.enabledByDefault;
	}

	/**
	 * Returns whether the suite is a CBC suite kept for legacy DTLS 1.0 peers.
	 */
	public boolean isLegacy() {
		return name().contains("_CBC_");
	}

	/**
	 * Returns the legacy CBC suites, in order of preference.
	 */
	public static List<DtlsCipherSuite> legacy() {
		return Arrays.stream(values()).filter(DtlsCipherSuite::isLegacy).toList();
	}

	/**
	 * Checks configured suites against the protocol versions an endpoint accepts.
	 * @param legacyDtls10 whether DTLS 1.0 is accepted besides DTLS 1.2
	 * @return the suites to offer: the configured ones, plus the {@link #legacy()} suites when
	 * DTLS 1.0 is accepted with the default suites, because DTLS 1.0 cannot use AEAD suites
	 * @throws DtlsConfigurationException if legacy suites are configured without DTLS 1.0
	 */
	public static List<DtlsCipherSuite> forVersions(List<DtlsCipherSuite> configured, boolean legacyDtls10) {
		List<DtlsCipherSuite> legacySuites = configured.stream().filter(DtlsCipherSuite::isLegacy).toList();
		if (!legacyDtls10 && !legacySuites.isEmpty()) {
			throw new DtlsConfigurationException("Cipher suites " + legacySuites
					+ " are CBC suites for legacy DTLS 1.0 peers; remove them or enable legacyDtls10(true)");
		}
		if (legacyDtls10 && configured.equals(defaults())) {
			List<DtlsCipherSuite> withLegacy = new ArrayList<>(configured);
			withLegacy.addAll(legacy());
			return List.copyOf(withLegacy);
		}
		return configured;
	}

	/**
	 * Returns the suites enabled when none are configured, in order of preference.
	 */
	public static List<DtlsCipherSuite> defaults() {
		return Arrays.stream(values()).filter(DtlsCipherSuite::isEnabledByDefault).toList();
	}

	/**
	 * Looks a suite up by its IANA name, with or without the {@code TLS_} prefix, ignoring case.
	 * @throws DtlsConfigurationException if the name is not a supported suite; the message lists
	 * the supported names
	 */
	public static DtlsCipherSuite forName(String name) {
		String normalized = name.trim().toUpperCase(Locale.ROOT);
		if (!normalized.startsWith("TLS_")) {
			normalized = "TLS_" + normalized;
		}
		for (DtlsCipherSuite suite : values()) {
			if (suite.name().equals(normalized)) {
				return suite;
			}
		}
		throw new DtlsConfigurationException("Unsupported cipher suite '" + name + "'; supported cipher suites are: "
				+ Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
	}

	/**
	 * Looks each name up with {@link #forName(String)}, keeping the order and dropping repeats.
	 */
	public static List<DtlsCipherSuite> forNames(List<String> names) {
		List<DtlsCipherSuite> suites = new ArrayList<>();
		for (String name : names) {
			DtlsCipherSuite suite = forName(name);
			if (!suites.contains(suite)) {
				suites.add(suite);
			}
		}
		return List.copyOf(suites);
	}

	/**
	 * Returns the suite with the given code point, or {@code null} when it is not one of these.
	 */
	public static @Nullable DtlsCipherSuite forCode(int code) {
		for (DtlsCipherSuite suite : values()) {
			if (suite.code == code) {
				return suite;
			}
		}
		return null;
	}

	/**
	 * Returns the IANA name of any code point, also outside this set, for logs.
	 */
	public static String nameOf(int code) {
		DtlsCipherSuite suite = forCode(code);
		return (suite != null) ? suite.name() : String.format("0x%04X", code);
	}

}
