package io.dtls.core.cipher;

import java.util.List;

import io.dtls.core.DtlsConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DtlsCipherSuiteTest {

	@Test
	void forNameAcceptsIanaNameWithOrWithoutPrefix() {
		assertThat(DtlsCipherSuite.forName("TLS_PSK_WITH_AES_128_CCM_8")).isEqualTo(DtlsCipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
		assertThat(DtlsCipherSuite.forName("psk_with_aes_128_ccm_8")).isEqualTo(DtlsCipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
	}

	@Test
	void unknownNameListsSupportedSuites() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsCipherSuite.forName("TLS_RSA_WITH_AES_128_CBC_SHA"))
			.withMessageContaining("'TLS_RSA_WITH_AES_128_CBC_SHA'")
			.withMessageContaining("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
			.withMessageContaining("TLS_PSK_WITH_AES_128_CCM_8");
	}

	@Test
	void defaultsAreAeadOnly() {
		assertThat(DtlsCipherSuite.defaults()).isNotEmpty()
			.allMatch((suite) -> suite.name().contains("_GCM_") || suite.name().contains("_CCM")
					|| suite.name().contains("CHACHA20_POLY1305"));
	}

	@Test
	void defaultsIncludeCoapMandatorySuites() {
		assertThat(DtlsCipherSuite.defaults()).contains(DtlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
				DtlsCipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
	}

	@Test
	void forNamesKeepsOrderAndDropsRepeats() {
		assertThat(DtlsCipherSuite.forNames(List.of("TLS_PSK_WITH_AES_128_CCM_8", "ECDHE_PSK_WITH_AES_128_GCM_SHA256",
				"TLS_PSK_WITH_AES_128_CCM_8")))
			.containsExactly(DtlsCipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
					DtlsCipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256);
	}

	@Test
	void legacyOptionAddsCbcSuitesToDefaults() {
		assertThat(DtlsCipherSuite.forVersions(DtlsCipherSuite.defaults(), true))
			.containsAll(DtlsCipherSuite.defaults())
			.containsAll(DtlsCipherSuite.legacy());
		assertThat(DtlsCipherSuite.forVersions(DtlsCipherSuite.defaults(), false))
			.isEqualTo(DtlsCipherSuite.defaults());
	}

	@Test
	void legacySuiteWithoutLegacyOptionRejected() {
		assertThatExceptionOfType(DtlsConfigurationException.class)
			.isThrownBy(() -> DtlsCipherSuite.forVersions(List.of(DtlsCipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA), false))
			.withMessageContaining("legacyDtls10(true)");
	}

	@Test
	void nameOfUnknownCodeIsHex() {
		assertThat(DtlsCipherSuite.nameOf(0x002F)).isEqualTo("0x002F");
		assertThat(DtlsCipherSuite.nameOf(0xC0A8)).isEqualTo("TLS_PSK_WITH_AES_128_CCM_8");
	}

}
