package io.dtls.core.credentials;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds test certificate hierarchies with Bouncy Castle. Every certificate gets a fresh EC P-256 key. */
final class TestCertificates {

	/** A certificate with its key pair, so that it can issue further certificates. */
	record Issued(KeyPair keyPair, X509Certificate certificate) {
	}

	private static final AtomicLong SERIAL_NUMBERS = new AtomicLong(1000);

	private TestCertificates() {
	}

	static KeyPair ecKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	/** Creates a self-signed CA certificate valid from a day ago for ten days. */
	static Issued root(String commonName) throws Exception {
		KeyPair keyPair = ecKeyPair();
		X500Name name = new X500Name("CN=" + commonName);
		X509v3CertificateBuilder builder = builder(name, keyPair, name, defaultNotBefore(), defaultNotAfter())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		return new Issued(keyPair, sign(builder, keyPair));
	}

	/** Creates a CA certificate issued by {@code issuer}. */
	static Issued intermediate(Issued issuer, String commonName) throws Exception {
		KeyPair keyPair = ecKeyPair();
		X509v3CertificateBuilder builder = builder(issuerName(issuer), keyPair, new X500Name("CN=" + commonName),
				defaultNotBefore(), defaultNotAfter())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		return new Issued(keyPair, sign(builder, issuer.keyPair()));
	}

	/**
	 * Creates an end-entity certificate issued by {@code issuer} with the given extended key usages. No usages
	 * means no extended key usage extension.
	 */
	static Issued leaf(Issued issuer, String commonName, KeyPurposeId... usages) throws Exception {
		return leaf(issuer, commonName, defaultNotBefore(), defaultNotAfter(), usages);
	}

	/** Creates an end-entity certificate issued by {@code issuer} with a chosen validity period. */
	static Issued leaf(Issued issuer, String commonName, Instant notBefore, Instant notAfter,
			KeyPurposeId... usages) throws Exception {
		KeyPair keyPair = ecKeyPair();
		X509v3CertificateBuilder builder = builder(issuerName(issuer), keyPair, new X500Name("CN=" + commonName),
				notBefore, notAfter)
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		if (usages.length > 0) {
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
		}
		return new Issued(keyPair, sign(builder, issuer.keyPair()));
	}

	/** Creates a self-signed end-entity certificate with exactly the given subject alternative names. */
	static X509Certificate withAlternativeNames(String commonName, GeneralName... names) throws Exception {
		KeyPair keyPair = ecKeyPair();
		X500Name name = new X500Name("CN=" + commonName);
		X509v3CertificateBuilder builder = builder(name, keyPair, name, defaultNotBefore(), defaultNotAfter());
		if (names.length > 0) {
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
		}
		return sign(builder, keyPair);
	}

	/** Writes certificates to a PEM file in the given order. */
	static Path writePem(Path file, X509Certificate... certificates) throws Exception {
		StringBuilder pem = new StringBuilder();
		Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
		for (X509Certificate certificate : certificates) {
			pem.append("-----BEGIN CERTIFICATE-----\n")
					.append(encoder.encodeToString(certificate.getEncoded()))
					.append("\n-----END CERTIFICATE-----\n");
		}
		return Files.writeString(file, pem.toString());
	}

	private static X500Name issuerName(Issued issuer) {
		return X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, KeyPair subjectKeyPair, X500Name subject,
			Instant notBefore, Instant notAfter) {
		return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL_NUMBERS.incrementAndGet()),
				Date.from(notBefore), Date.from(notAfter), subject, subjectKeyPair.getPublic());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signerKeyPair) throws Exception {
		byte[] encoded = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
				.build(signerKeyPair.getPrivate())).getEncoded();
		return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(encoded));
	}

	private static Instant defaultNotBefore() {
		return Instant.now().minus(Duration.ofDays(1));
	}

	private static Instant defaultNotAfter() {
		return Instant.now().plus(Duration.ofDays(10));
	}
}
