package io.dtls.core.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Loader for PKCS12 and JKS key store files, with errors that name the file. */
final class KeyStores {

	private KeyStores() {
	}

	/**
	 * Loads a key store file.
	 *
	 * @param type "PKCS12" or "JKS", in any letter case
	 * @throws CredentialsException if the type is not supported, the file is missing or unreadable, or the
	 *     password is wrong
	 */
	static KeyStore load(Path file, String type, char[] password) {
		String normalizedType = type.trim().toUpperCase(Locale.ROOT);
		if (!normalizedType.equals("PKCS12") && !normalizedType.equals("JKS")) {
			throw new CredentialsException("Unsupported key store type '" + type + "' for key store file '" + file
					+ "'. Use PKCS12 or JKS.");
		}

		KeyStore keyStore;
		try {
			keyStore = KeyStore.getInstance(normalizedType);
		} catch (KeyStoreException e) {
			throw new CredentialsException("Key store type " + normalizedType
					+ " is not available in this JVM, so key store file '" + file + "' cannot be read.", e);
		}

		try (InputStream in = Files.newInputStream(file)) {
			keyStore.load(in, password);
		} catch (NoSuchFileException e) {
			throw new CredentialsException("Key store file '" + file + "' not found. Check the path.", e);
		} catch (IOException e) {
			// The JDK reports a wrong store password as an IOException caused by UnrecoverableKeyException.
			if (e.getCause() instanceof UnrecoverableKeyException) {
				throw new CredentialsException("Could not open key store file '" + file
						+ "': the store password is wrong.", e);
			}
			throw new CredentialsException("Could not read key store file '" + file + "' as " + normalizedType
					+ ": " + e.getMessage() + ". Check that the file is a " + normalizedType + " key store.", e);
		} catch (NoSuchAlgorithmException | CertificateException e) {
			throw new CredentialsException("Could not load key store file '" + file + "': " + e.getMessage(), e);
		}
		return keyStore;
	}

	/** Returns the aliases of a loaded key store, for error messages and entry selection. */
	static List<String> aliases(KeyStore keyStore) {
		try {
			return new ArrayList<>(Collections.list(keyStore.aliases()));
		} catch (KeyStoreException e) {
			throw new CredentialsException("Could not list the aliases of the key store because it is not loaded."
					+ " Call KeyStore.load before passing it.", e);
		}
	}
}
