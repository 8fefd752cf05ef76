package io.dtls.core.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.IDN;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generator of self-signed EC certificates for development and tests, with a certificate fingerprint function.
 *
 * <p>A self-signed certificate is its own trust anchor, so a peer trusts it only if it is configured with that
 * exact certificate, for example through {@link TrustMaterial#of} or by comparing {@link #sha256Fingerprint}.
 *
 * @since 0.1.0
 */
public final class SelfSignedCertificateGenerator {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** RFC 5280 certificates cannot express times after the end of year 9999. */
	private static final Instant LATEST_NOT_AFTER =
			ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC).toInstant();

	private SelfSignedCertificateGenerator() {
	}

	/**
	 * Generates an ECDSA P-256 key pair and a self-signed certificate for it.
	 *
	 * <p>The certificate is signed with SHA256withECDSA, has a random positive 128-bit serial number, and is valid
	 * from one minute before now, to allow for clock differences between peers, until {@code validity} after now.
	 * Its extensions are basicConstraints CA=false, keyUsage digitalSignature, and extendedKeyUsage serverAuth and
	 * clientAuth, so the certificate serves both a server and a client.
	 *
	 * @param commonName the subject common name, such as {@code localhost}
	 * @param subjectAlternativeNames entries written as iPAddress names if they are IPv4 or IPv6 literals and as
	 *     dNSName names otherwise. Non-ASCII DNS names are converted to their ASCII form (IDNA). An empty list gives a certificate without the extension, which
	 *     {@link HostnameVerifier} rejects for every host.
	 * @param validity how long after now the certificate stays valid. It must be positive.
	 * @return credentials holding the new private key and the certificate
	 * @throws IllegalArgumentException if the common name or a subject alternative name is blank or invalid, or
	 *     the validity is not positive or ends after the year 9999
	 */
	public static X509Credentials generate(String commonName, List<String> subjectAlternativeNames,
			Duration validity) {
		Objects.requireNonNull(commonName, "commonName");
		Objects.requireNonNull(subjectAlternativeNames, "subjectAlternativeNames");
		Objects.requireNonNull(validity, "validity");
		if (commonName.isBlank()) {
			throw new IllegalArgumentException("Common name is blank. Set a name such as 'localhost'.");
		}
		if (validity.isNegative() || validity.isZero()) {
			throw new IllegalArgumentException("Certificate validity must be positive, but was " + validity + ".");
		}
		Instant now = Instant.now();
		if (validity.compareTo(Duration.between(now, LATEST_NOT_AFTER)) > 0) {
			throw new IllegalArgumentException("Certificate validity " + validity + " ends after the year 9999,"
					+ " which X.509 cannot express. Use a shorter validity.");
		}
		GeneralNames alternativeNames = toGeneralNames(subjectAlternativeNames);

		KeyPair keyPair = generateKeyPair();
		X509Certificate certificate = buildCertificate(keyPair, commonName, alternativeNames,
				now.minus(Duration.ofMinutes(1)), now.plus(validity));
		return X509Credentials.of(keyPair.getPrivate(), List.of(certificate));
	}

	/**
	 * Generates a self-signed certificate for local development: common name {@code localhost}, subject
	 * alternative names {@code localhost}, {@code 127.0.0.1} and {@code ::1}, valid for 365 days.
	 *
	 * @return credentials holding the new private key and the certificate
	 */
	public static X509Credentials generateDefault() {
		return generate("localhost", List.of("localhost", "127.0.0.1", "::1"), Duration.ofDays(365));
	}

	/**
	 * Computes the SHA-256 fingerprint of a certificate's DER encoding.
	 *
	 * @param certificate the certificate
	 * @return uppercase hexadecimal byte pairs joined by colons, such as {@code 3A:0F:...}, the format that
	 *     {@code openssl x509 -noout -fingerprint -sha256} prints after the equals sign
	 * @throws CredentialsException if the certificate cannot be encoded
	 */
	public static String sha256Fingerprint(X509Certificate certificate) {
		Objects.requireNonNull(certificate, "certificate");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		} catch (CertificateEncodingException e) {
			throw new CredentialsException("Could not encode certificate '"
					+ certificate.getSubjectX500Principal().getName() + "' to compute its fingerprint.", e);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing, but every Java platform must provide it", e);
		}
	}

	private static GeneralNames toGeneralNames(List<String> subjectAlternativeNames) {
		List<GeneralName> names = new ArrayList<>();
		for (String entry : subjectAlternativeNames) {
			Objects.requireNonNull(entry, "subjectAlternativeNames must not contain null");
			if (entry.isBlank()) {
				throw new IllegalArgumentException("Subject alternative name list " + subjectAlternativeNames
						+ " contains a blank entry. Remove it or set a DNS name or IP address.");
			}
			byte[] ipAddress = IpAddresses.parse(entry);
			if (ipAddress != null) {
				names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipAddress)));
			} else {
				names.add(new GeneralName(GeneralName.dNSName, toAsciiDnsName(entry, subjectAlternativeNames)));
			}
		}
		return new GeneralNames(names.toArray(new GeneralName[0]));
	}

	private static String toAsciiDnsName(String name, List<String> subjectAlternativeNames) {
		try {
			return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("Subject alternative name '" + name + "' in "
					+ subjectAlternativeNames + " is neither an IP address nor a valid DNS name: " + e.getMessage(),
					e);
		}
	}

	private static KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		} catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
			throw new CredentialsException("Could not generate an EC P-256 key pair: " + e.getMessage(), e);
		}
	}

	private static X509Certificate buildCertificate(KeyPair keyPair, String commonName, GeneralNames alternativeNames,
			Instant notBefore, Instant notAfter) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
		BigInteger serialNumber = new BigInteger(128, RANDOM).add(BigInteger.ONE);
		try {
			JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber,
					Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic())
					.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
					.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
					.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
							new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
					.addExtension(Extension.subjectKeyIdentifier, false,
							extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic()));
			if (alternativeNames.getNames().length > 0) {
				builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
			}

			ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
					.setProvider(BouncyCastle.PROVIDER)
					.build(keyPair.getPrivate());
			X509CertificateHolder holder = builder.build(signer);
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
		} catch (NoSuchAlgorithmException | OperatorCreationException | CertificateException | IOException e) {
			throw new CredentialsException("Could not build a self-signed certificate for '" + commonName + "': "
					+ e.getMessage(), e);
		}
	}
}
