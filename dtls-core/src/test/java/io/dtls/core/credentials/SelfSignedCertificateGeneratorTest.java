package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateGeneratorTest {

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	@TempDir
	Path dir;

	@Test
	void keyIsEcP256() throws Exception {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		Path pem = TestCertificates.writePem(dir.resolve("cert.pem"), credentials.leafCertificate());

		String text = OpenSsl.run(dir, "x509", "-in", pem.toString(), "-noout", "-text");

		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
		assertThat(((ECPublicKey) credentials.leafCertificate().getPublicKey()).getParams().getCurve().getField()
				.getFieldSize()).isEqualTo(256);
		assertThat(text).contains("ASN1 OID: prime256v1");
		assertThat(text).contains("Signature Algorithm: ecdsa-with-SHA256");
	}

	@Test
	void fingerprintMatchesOpenssl() throws Exception {
		X509Certificate certificate = SelfSignedCertificateGenerator.generateDefault().leafCertificate();
		Path pem = TestCertificates.writePem(dir.resolve("cert.pem"), certificate);

		String output = OpenSsl.run(dir, "x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha256").strip();
		String opensslFingerprint = output.substring(output.indexOf('=') + 1);

		assertThat(SelfSignedCertificateGenerator.sha256Fingerprint(certificate)).isEqualTo(opensslFingerprint);
	}

	@Test
	void defaultHasLocalhostNames() throws Exception {
		X509Certificate certificate = SelfSignedCertificateGenerator.generateDefault().leafCertificate();
		Path pem = TestCertificates.writePem(dir.resolve("cert.pem"), certificate);

		String text = OpenSsl.run(dir, "x509", "-in", pem.toString(), "-noout", "-ext", "subjectAltName");

		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		assertThat(text).contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
	}

	@Test
	void defaultIsValidForAYear() {
		X509Certificate certificate = SelfSignedCertificateGenerator.generateDefault().leafCertificate();
		Instant expectedNotAfter = Instant.now().plus(Duration.ofDays(365));

		assertThat(certificate.getNotAfter().toInstant())
				.isBetween(expectedNotAfter.minusSeconds(60), expectedNotAfter.plusSeconds(1));
	}

	@Test
	void alternativeNamesSplitIntoIpAndDns() throws Exception {
		X509Certificate certificate = SelfSignedCertificateGenerator
				.generate("device", List.of("device.local", "192.0.2.7", "2001:db8::1"), Duration.ofDays(1))
				.leafCertificate();

		assertThat(certificate.getSubjectAlternativeNames()).containsExactly(
				List.of(2, "device.local"),
				List.of(7, "192.0.2.7"),
				List.of(7, "2001:db8:0:0:0:0:0:1"));
	}

	@Test
	void noAlternativeNamesOmitsExtension() {
		X509Certificate certificate = SelfSignedCertificateGenerator
				.generate("device", List.of(), Duration.ofDays(1))
				.leafCertificate();

		assertThat(certificate.getExtensionValue("2.5.29.17")).isNull();
	}

	@Test
	void extensionsMarkEndEntity() throws Exception {
		X509Certificate certificate = SelfSignedCertificateGenerator.generateDefault().leafCertificate();

		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getKeyUsage()).containsExactly(
				true, false, false, false, false, false, false, false, false);
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
		assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
	}

	@Test
	void notBeforeIsOneMinuteEarlier() {
		Instant before = Instant.now();
		X509Certificate certificate = SelfSignedCertificateGenerator.generateDefault().leafCertificate();

		// Certificate times have whole-second precision, so the bounds allow one second of truncation.
		assertThat(certificate.getNotBefore().toInstant())
				.isBetween(before.minusSeconds(61), Instant.now().minusSeconds(59));
	}

	@Test
	void serialNumbersArePositiveAndDistinct() {
		X509Certificate first = SelfSignedCertificateGenerator.generateDefault().leafCertificate();
		X509Certificate second = SelfSignedCertificateGenerator.generateDefault().leafCertificate();

		assertThat(first.getSerialNumber().signum()).isEqualTo(1);
		assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
	}

	@Test
	void certificateIsSelfSigned() throws Exception {
		X509Certificate certificate = SelfSignedCertificateGenerator.generateDefault().leafCertificate();

		certificate.verify(certificate.getPublicKey());

		assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
	}

	@Test
	void commonNameIsEscaped() {
		X509Certificate certificate = SelfSignedCertificateGenerator
				.generate("a, O=Injected", List.of(), Duration.ofDays(1))
				.leafCertificate();

		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=a\\, O\\=Injected");
	}

	@Test
	void nonPositiveValidityRejected() {
		assertThatThrownBy(() -> SelfSignedCertificateGenerator.generate("x", List.of(), Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("must be positive");
	}

	@Test
	void validityPastYear9999Rejected() {
		assertThatThrownBy(() -> SelfSignedCertificateGenerator.generate("x", List.of(),
				Duration.ofDays(365L * 9000)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("9999");
	}

	@Test
	void blankAlternativeNameRejected() {
		assertThatThrownBy(() -> SelfSignedCertificateGenerator.generate("x", List.of("ok.example", " "),
				Duration.ofDays(1)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("blank entry");
	}
}
