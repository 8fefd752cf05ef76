package io.dtls.spring.autoconfigure;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.dtls.core.credentials.CredentialsException;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundles;

/**
 * Reads the engine's credentials and trust material from a Spring Boot SSL bundle, and follows
 * the bundle when it is reloaded ({@code reload-on-update}): new handshakes then use the new
 * certificate, while established connections keep the session they negotiated.
 */
final class SslBundleKeyMaterial implements Supplier<X509Credentials> {

	private static final Log logger = LogFactory.getLog(SslBundleKeyMaterial.class);

	private final String bundleName;

	private final AtomicReference<@Nullable X509Credentials> credentials = new AtomicReference<>();

	private final AtomicReference<@Nullable TrustMaterial> trust = new AtomicReference<>();

	/**
	 * Reads the bundle and registers for its updates.
	 * @throws org.springframework.boot.ssl.NoSuchSslBundleException if no bundle has that name
	 */
	SslBundleKeyMaterial(SslBundles bundles, String bundleName) {
		this.bundleName = bundleName;
		load(bundles.getBundle(bundleName));
		bundles.addBundleUpdateHandler(bundleName, this::reload);
	}

	/**
	 * Reads the bundle named by a property.
	 * @throws InvalidConfigurationPropertyValueException naming the property when no bundle has
	 * that name
	 */
	static SslBundleKeyMaterial load(SslBundles bundles, String bundleName, String property) {
		try {
			return new SslBundleKeyMaterial(bundles, bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName,
					"No SSL bundle has that name; define it under spring.ssl.bundle.pem." + bundleName
							+ " or spring.ssl.bundle.jks." + bundleName + ", or correct the name.");
		}
	}

	private void load(SslBundle bundle) {
		this.credentials.set(readCredentials(bundle));
		this.trust.set(readTrust(bundle));
	}

	private void reload(SslBundle bundle) {
		try {
			load(bundle);
			X509Credentials current = this.credentials.get();
			logger.info("SSL bundle '" + this.bundleName + "' reloaded; new handshakes use "
					+ ((current != null) ? current : "no certificate"));
		}
		catch (RuntimeException ex) {
			logger.error("SSL bundle '" + this.bundleName
					+ "' was updated but cannot be used; new handshakes keep the previous key material", ex);
		}
	}

	/**
	 * Returns the current certificate and key, or {@code null} when the bundle has no key
	 * store (a trust-only bundle).
	 */
	@Override
	public @Nullable X509Credentials get() {
		return this.credentials.get();
	}

	boolean hasCredentials() {
		return this.credentials.get() != null;
	}

	@Nullable TrustMaterial trust() {
		return this.trust.get();
	}

	private @Nullable X509Credentials readCredentials(SslBundle bundle) {
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			return null;
		}
		SslBundleKey key = bundle.getKey();
		List<char @Nullable []> passwords = new ArrayList<>();
		passwords.add(toChars(key.getPassword()));
		passwords.add(toChars(bundle.getStores().getKeyStorePassword()));
		passwords.add(new char[0]);
		CredentialsException failure = null;
		for (char[] password : passwords) {
			if (password == null) {
				continue;
			}
			try {
				return X509Credentials.fromKeyStore(keyStore, key.getAlias(), password);
			}
			catch (CredentialsException ex) {
				failure = ex;
			}
		}
		throw new IllegalStateException("SSL bundle '" + this.bundleName
				+ "' has a key store, but its private key cannot be read; check the key alias and key password of the bundle",
				failure);
	}

	private @Nullable TrustMaterial readTrust(SslBundle bundle) {
		KeyStore trustStore = bundle.getStores().getTrustStore();
		if (trustStore == null) {
			return null;
		}
		try {
			if (Collections.list(trustStore.aliases()).isEmpty()) {
				return null;
			}
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("Trust store of SSL bundle '" + this.bundleName + "' cannot be read", ex);
		}
		return TrustMaterial.fromKeyStore(trustStore);
	}

	private static char @Nullable [] toChars(@Nullable String password) {
		return (password != null) ? password.toCharArray() : null;
	}

}
