package io.dtls.core.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for tests: a root that issues EC or RSA leaf certificates
 * for servers and clients.
 */
public final class TestPki {

	private static final SecureRandom random = new SecureRandom();

	private final KeyPair rootKeys;

	private final X509Certificate root;

	private final X500Name rootName;

	private TestPki(String name) throws Exception {
		this.rootKeys = ecKeys();
		X500Name subject = new X500Name("CN=" + name);
		this.rootName = subject;
		X509v3CertificateBuilder builder = builder(subject, subject, this.rootKeys, Duration.ofDays(30));
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		this.root = sign(builder, this.rootKeys, "SHA256withECDSA");
	}

	public static TestPki create(String name) {
		try {
			return new TestPki(name);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public X509Certificate root() {
		return this.root;
	}

	public TrustMaterial trust() {
		return TrustMaterial.of(List.of(this.root));
	}

	/**
	 * Issues a server certificate for localhost and the loopback addresses.
	 */
	public X509Credentials server(boolean rsa) {
		return issue("server", rsa, List.of("localhost"), List.of("127.0.0.1", "::1"), Duration.ofDays(1));
	}

	public X509Credentials client(String name) {
		return issue(name, false, List.of(), List.of(), Duration.ofDays(1));
	}

	/**
	 * Issues a leaf certificate.
	 */
	public X509Credentials issue(String commonName, boolean rsa, List<String> dnsNames, List<String> ipAddresses,
			Duration validity) {
		try {
			KeyPair keys = rsa ? rsaKeys() : ecKeys();
			X509v3CertificateBuilder builder = builder(this.rootName, new X500Name("CN=" + commonName), keys,
					validity);
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
					new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
			int i = 0;
			for (String dns : dnsNames) {
				names[i++] = new GeneralName(GeneralName.dNSName, dns);
			}
			for (String ip : ipAddresses) {
				names[i++] = new GeneralName(GeneralName.iPAddress, ip);
			}
			if (names.length > 0) {
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			}
			X509Certificate leaf = sign(builder, this.rootKeys, "SHA256withECDSA");
			return X509Credentials.of(keys.getPrivate(), List.of(leaf, this.root));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys,
			Duration validity) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).add(BigInteger.ONE),
				Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), subject, keys.getPublic());
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys, String algorithm)
			throws Exception {
		ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate());
		return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
	}

	private static KeyPair ecKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static KeyPair rsaKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

}
