package io.dtls.core.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;

/** Reader for certificates and private keys in PEM files, with errors that name the file. */
final class PemFiles {

	private static final String KEY_BLOCK_TYPES =
			"PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY";

	private PemFiles() {
	}

	/**
	 * Reads every certificate in a PEM file, in file order. Blocks of other types, such as a private key in a
	 * combined file, are skipped.
	 *
	 * @param fileRole what the file is for, such as "certificate chain file", used in error messages
	 * @throws CredentialsException if the file cannot be read or parsed, or contains no certificate
	 */
	static List<X509Certificate> readCertificates(Path file, String fileRole) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (Object object : readObjects(file, fileRole)) {
			X509CertificateHolder holder = null;
			if (object instanceof X509CertificateHolder certificateHolder) {
				holder = certificateHolder;
			} else if (object instanceof X509TrustedCertificateBlock trustedBlock) {
				holder = trustedBlock.getCertificateHolder();
			}
			if (holder != null) {
				certificates.add(toJdkCertificate(holder, file, fileRole));
			}
		}
		if (certificates.isEmpty()) {
			throw new CredentialsException("No certificate found in " + fileRole + " '" + file
					+ "'. The file must contain one or more '-----BEGIN CERTIFICATE-----' blocks.");
		}
		return certificates;
	}

	/**
	 * Reads the one private key in a PEM file. Certificates and EC parameter blocks in the same file are skipped.
	 *
	 * @param password the password of an encrypted key, or {@code null} for an unencrypted key
	 * @throws CredentialsException if the file cannot be read, contains no key or several keys, or the key is
	 *     encrypted and the password is missing or wrong
	 */
	static PrivateKey readPrivateKey(Path file, char @Nullable [] password) {
		List<Object> keyObjects = new ArrayList<>();
		for (Object object : readObjects(file, "private key file")) {
			if (object instanceof PrivateKeyInfo
					|| object instanceof PEMKeyPair
					|| object instanceof PEMEncryptedKeyPair
					|| object instanceof PKCS8EncryptedPrivateKeyInfo) {
				keyObjects.add(object);
			}
		}
		if (keyObjects.isEmpty()) {
			throw new CredentialsException("No private key found in private key file '" + file
					+ "'. Expected a PEM block of type " + KEY_BLOCK_TYPES + ".");
		}
		if (keyObjects.size() > 1) {
			throw new CredentialsException("Private key file '" + file + "' contains " + keyObjects.size()
					+ " private keys, but exactly one is required. Remove the keys that do not belong to the"
					+ " certificate.");
		}

		PrivateKeyInfo keyInfo = decrypt(keyObjects.get(0), file, password);
		JcaPEMKeyConverter converter = new JcaPEMKeyConverter()
				.setProvider(BouncyCastle.PROVIDER)
				// Bouncy Castle names EC keys "ECDSA" by default, while the JDK's KeyStore and KeyPairGenerator keys
				// return "EC" from getAlgorithm(). The mapping gives every EC key the name "EC".
				.setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC");
		try {
			return converter.getPrivateKey(keyInfo);
		} catch (IOException | IllegalArgumentException | IllegalStateException e) {
			throw new CredentialsException("Could not convert the private key in '" + file
					+ "' (algorithm " + keyInfo.getPrivateKeyAlgorithm().getAlgorithm().getId()
					+ "). Use an EC or RSA key.", e);
		}
	}

	private static PrivateKeyInfo decrypt(Object keyObject, Path file, char @Nullable [] password) {
		if (keyObject instanceof PrivateKeyInfo keyInfo) {
			return keyInfo;
		}
		if (keyObject instanceof PEMKeyPair keyPair) {
			return keyPair.getPrivateKeyInfo();
		}
		if (password == null) {
			throw new CredentialsException("Private key file '" + file
					+ "' is encrypted, so a key password is required. Provide the key password.");
		}
		try {
			if (keyObject instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
				InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
						.setProvider(BouncyCastle.PROVIDER)
						.build(password);
				return encrypted.decryptPrivateKeyInfo(decryptor);
			}
			// Legacy OpenSSL encryption: a "Proc-Type: 4,ENCRYPTED" header on an EC or RSA PRIVATE KEY block.
			PEMEncryptedKeyPair encrypted = (PEMEncryptedKeyPair) keyObject;
			return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
							.setProvider(BouncyCastle.PROVIDER)
							.build(password))
					.getPrivateKeyInfo();
		} catch (OperatorCreationException | PKCSException | IOException
				| IllegalArgumentException | IllegalStateException e) {
			// A wrong password usually fails the padding check, but by chance it can also produce bytes that
			// then fail to parse as a key, so parse errors get the same message.
			throw new CredentialsException("Could not decrypt private key file '" + file
					+ "'. The key password is wrong, or the file uses an encryption algorithm that is not"
					+ " supported.", e);
		}
	}

	private static List<Object> readObjects(Path file, String fileRole) {
		List<Object> objects = new ArrayList<>();
		// PEM is ASCII. ISO-8859-1 maps every byte to a character, so stray bytes in comment lines never fail
		// the decoding.
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
				PEMParser parser = new PEMParser(reader)) {
			Object object;
			while ((object = parser.readObject()) != null) {
				objects.add(object);
			}
		} catch (NoSuchFileException e) {
			throw new CredentialsException(capitalize(fileRole) + " '" + file + "' not found. Check the path.", e);
		} catch (IOException | IllegalArgumentException | IllegalStateException e) {
			throw new CredentialsException("Could not parse " + fileRole + " '" + file + "' as PEM: "
					+ e.getMessage(), e);
		}
		if (objects.isEmpty()) {
			throw new CredentialsException("No PEM blocks found in " + fileRole + " '" + file
					+ "'. The file must be PEM text with '-----BEGIN ...-----' lines. DER files are not"
					+ " supported.");
		}
		return objects;
	}

	private static X509Certificate toJdkCertificate(X509CertificateHolder holder, Path file, String fileRole) {
		// The JDK's own certificate class is what KeyStore returns and what its PKIX validator expects, so PEM
		// certificates are converted to it rather than to Bouncy Castle's class.
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
		} catch (CertificateException | IOException e) {
			throw new CredentialsException("Could not parse certificate '" + holder.getSubject() + "' in "
					+ fileRole + " '" + file + "': " + e.getMessage(), e);
		}
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
