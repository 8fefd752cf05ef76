package io.dtls.core.interop;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import io.dtls.core.credentials.X509Credentials;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Writes test certificates and keys as PEM files for the command-line tools.
 */
final class PemFiles {

	private PemFiles() {
	}

	/**
	 * Writes the credentials' certificate chain, leaf first, to {@code name.crt} and its private
	 * key, as unencrypted PKCS #8, to {@code name.key} in {@code directory}. GnuTLS sends every
	 * certificate of the file, while OpenSSL's {@code -cert} option reads only the first.
	 * @return the certificate file and the key file, in that order
	 */
	static List<Path> writeCredentials(Path directory, String name, X509Credentials credentials) throws IOException {
		Path certificate = directory.resolve(name + ".crt");
		try (Writer writer = Files.newBufferedWriter(certificate, StandardCharsets.US_ASCII);
				JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			for (X509Certificate chainCertificate : credentials.certificateChain()) {
				pem.writeObject(chainCertificate);
			}
		}
		Path key = directory.resolve(name + ".key");
		PrivateKeyInfo keyInfo = privateKeyInfo(credentials);
		try (Writer writer = Files.newBufferedWriter(key, StandardCharsets.US_ASCII);
				JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(new PemObject("PRIVATE KEY", keyInfo.getEncoded()));
		}
		return List.of(certificate, key);
	}

	/**
	 * Returns the PKCS #8 structure of the credentials' private key. For an EC key, it adds the
	 * public key that the JDK leaves out of the optional field of ECPrivateKey (RFC 5915),
	 * because GnuTLS 3.7 rejects an EC key without it ("ASN1 parser: Element was not found").
	 */
	private static PrivateKeyInfo privateKeyInfo(X509Credentials credentials) throws IOException {
		PrivateKeyInfo keyInfo = PrivateKeyInfo.getInstance(credentials.privateKey().getEncoded());
		if (!(credentials.privateKey() instanceof java.security.interfaces.ECPrivateKey jdkKey)) {
			return keyInfo;
		}
		ECPrivateKey ecKey = ECPrivateKey.getInstance(keyInfo.parsePrivateKey());
		SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo
			.getInstance(credentials.leafCertificate().getPublicKey().getEncoded());
		int orderBits = jdkKey.getParams().getOrder().bitLength();
		ECPrivateKey withPublicKey = new ECPrivateKey(orderBits, ecKey.getKey(), publicKey.getPublicKeyData(), null);
		return new PrivateKeyInfo(keyInfo.getPrivateKeyAlgorithm(), withPublicKey);
	}

	/**
	 * Writes {@code certificate} to {@code file}.
	 * @return {@code file}
	 */
	static Path writeCertificate(Path file, X509Certificate certificate) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
				JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(certificate);
		}
		return file;
	}

}
