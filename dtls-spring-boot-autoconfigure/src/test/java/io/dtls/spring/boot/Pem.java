package io.dtls.spring.boot;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.dtls.core.credentials.X509Credentials;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Writes credentials as PEM files, the way a certificate tool would leave them on disk.
 */
final class Pem {

	private Pem() {
	}

	static void write(X509Credentials credentials, Path certificateFile, Path keyFile) {
		StringWriter certificate = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(certificate)) {
			writer.writeObject(credentials.leafCertificate());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		write(certificateFile, certificate.toString());
		// PKCS#8, the form 'openssl genpkey' writes and every PEM reader accepts.
		write(keyFile, "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(credentials.privateKey().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n");
	}

	private static void write(Path file, String text) {
		try {
			// Write to a sibling and move it in place, so that a file watcher never reads half a file.
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.writeString(temporary, text);
			Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
