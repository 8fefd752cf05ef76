package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class HostnameVerifierTest {

	private static X509Certificate certificateFor(String... alternativeNames) {
		return SelfSignedCertificateGenerator.generate("test", List.of(alternativeNames), Duration.ofDays(1))
				.leafCertificate();
	}

	@Test
	void exactDnsNameMatches() {
		X509Certificate certificate = certificateFor("other.example", "www.example.com");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "www.example.com")).doesNotThrowAnyException();
	}

	@Test
	void otherDnsNameRejected() {
		X509Certificate certificate = certificateFor("www.example.com", "192.0.2.1");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "api.example.com"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'api.example.com'")
				.hasMessageContaining("[DNS:www.example.com, IP:192.0.2.1]");
	}

	@Test
	void dnsMatchIgnoresCase() {
		X509Certificate certificate = certificateFor("WWW.Example.COM");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "www.EXAMPLE.com")).doesNotThrowAnyException();
	}

	@Test
	void trailingDotIgnored() {
		X509Certificate certificate = certificateFor("www.example.com");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "www.example.com.")).doesNotThrowAnyException();
	}

	@Test
	void wildcardMatchesOneLabel() {
		X509Certificate certificate = certificateFor("*.example.com");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "api.example.com")).doesNotThrowAnyException();
	}

	@Test
	void wildcardMatchIgnoresCase() {
		X509Certificate certificate = certificateFor("*.Example.com");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "API.example.COM")).doesNotThrowAnyException();
	}

	@Test
	void wildcardRejectsTwoLabels() {
		X509Certificate certificate = certificateFor("*.example.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "a.b.example.com"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'a.b.example.com'");
	}

	@Test
	void wildcardRejectsApex() {
		X509Certificate certificate = certificateFor("*.example.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "example.com"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void wildcardUnderTopLevelDomainRejected() {
		X509Certificate certificate = certificateFor("*.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "example.com"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void partialLabelWildcardRejected() {
		X509Certificate certificate = certificateFor("api*.example.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "api1.example.com"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void nonLeftmostWildcardRejected() {
		X509Certificate certificate = certificateFor("api.*.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "api.example.com"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void wildcardHostRejected() {
		X509Certificate certificate = certificateFor("*.example.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "*.example.com"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("contains a wildcard");
	}

	@Test
	void ipv4AddressMatches() {
		X509Certificate certificate = certificateFor("localhost", "192.0.2.10");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "192.0.2.10")).doesNotThrowAnyException();
	}

	@Test
	void otherIpv4AddressRejected() {
		X509Certificate certificate = certificateFor("192.0.2.10");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "192.0.2.11"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'192.0.2.11'")
				.hasMessageContaining("IP:192.0.2.10");
	}

	@Test
	void compressedIpv6MatchesFullForm() {
		X509Certificate certificate = certificateFor("0:0:0:0:0:0:0:1");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "::1")).doesNotThrowAnyException();
	}

	@Test
	void fullIpv6MatchesCompressedForm() {
		X509Certificate certificate = certificateFor("::1");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "0:0:0:0:0:0:0:1")).doesNotThrowAnyException();
	}

	@Test
	void bracketedIpv6Matches() {
		X509Certificate certificate = certificateFor("2001:db8::a");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "[2001:DB8:0::A]")).doesNotThrowAnyException();
	}

	@Test
	void ipv4MappedIpv6DoesNotMatchIpv4() {
		X509Certificate certificate = certificateFor("192.0.2.10");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "::ffff:192.0.2.10"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void ipHostNeverMatchesDnsName() throws Exception {
		X509Certificate certificate = TestCertificates.withAlternativeNames("test",
				new GeneralName(GeneralName.dNSName, "127.0.0.1"));

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "127.0.0.1"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("[DNS:127.0.0.1]");
	}

	@Test
	void ipv6HostNeverMatchesDnsName() throws Exception {
		X509Certificate certificate = TestCertificates.withAlternativeNames("test",
				new GeneralName(GeneralName.dNSName, "::1"));

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "::1"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void certificateWithoutAlternativeNamesRejected() throws Exception {
		X509Certificate certificate = TestCertificates.withAlternativeNames("www.example.com");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "www.example.com"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("no subject alternative names")
				.hasMessageContaining("'www.example.com'");
	}

	@Test
	void commonNameIgnored() {
		X509Certificate certificate = SelfSignedCertificateGenerator
				.generate("www.example.com", List.of("other.example.com"), Duration.ofDays(1))
				.leafCertificate();

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "www.example.com"))
				.isInstanceOf(CertificateException.class);
	}

	@Test
	void invalidIpv4HostRejected() {
		X509Certificate certificate = certificateFor("192.0.2.1");

		assertThatThrownBy(() -> HostnameVerifier.verify(certificate, "192.0.2.256"))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("not a valid IPv4 address");
	}

	@Test
	void internationalHostMatchesAsciiForm() {
		X509Certificate certificate = certificateFor("xn--bcher-kva.example");

		assertThatCode(() -> HostnameVerifier.verify(certificate, "bücher.example")).doesNotThrowAnyException();
	}
}
