package io.dtls.core.interop;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import io.dtls.core.credentials.X509Credentials;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes test certificates and keys as PEM files for the command-line tools.
 */
final class PemFiles {

	private PemFiles() {
	}

	/**
	 * Writes the credentials' leaf certificate to {@code name.crt} and its private key, as
	 * unencrypted PKCS #8, to {@code name.key} in {@code directory}.
	 * @return the certificate file and the key file, in that order
	 */
	static List<Path> writeCredentials(Path directory, String name, X509Credentials credentials) throws IOException {
		Path certificate = writeCertificate(directory.resolve(name + ".crt"), credentials.leafCertificate());
		Path key = directory.resolve(name + ".key");
		try (Writer writer = Files.newBufferedWriter(key, StandardCharsets.US_ASCII);
				JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(new JcaPKCS8Generator(credentials.privateKey(), null));
		}
		return List.of(certificate, key);
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
