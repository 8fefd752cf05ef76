package io.dtls.spring.autoconfigure;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.client.DtlsClientBuilder;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.spring.core.DtlsClientConnections;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the client connections of {@code DtlsTemplate} from the {@code dtls.client.*}
 * properties. Without an SSL bundle, server certificates are validated against the JVM's
 * default trust store, as HTTPS clients do.
 */
final class DtlsClientFactory {

	private DtlsClientFactory() {
	}

	static DtlsClientConnections create(DtlsProperties.Client properties, @Nullable SslBundles bundles,
			@Nullable DtlsConnectionHandler unsolicitedHandler, Executor executor, DtlsEventListener events,
			List<DtlsClientCustomizer> customizers) {
		PropertyChecks.positive("dtls.client.connect-timeout", properties.getConnectTimeout());
		PropertyChecks.notNegative("dtls.client.idle-timeout", properties.getIdleTimeout());
		DtlsClientBuilder builder = DtlsClient.builder()
			.connectTimeout(properties.getConnectTimeout())
			.idleTimeout(properties.getIdleTimeout())
			.maxDatagramSize(PropertyChecks.datagramSize("dtls.client.max-datagram-size",
					properties.getMaxDatagramSize()))
			.executor(executor)
			.eventListener(events);
		if (!properties.getCipherSuites().isEmpty()) {
			builder.cipherSuites(PropertyChecks.convert("dtls.client.cipher-suites", properties.getCipherSuites(),
					() -> DtlsCipherSuite.forNames(properties.getCipherSuites())));
		}
		if (properties.isInsecureSkipHostnameVerification()) {
			builder.insecureSkipHostnameVerification();
		}
		applyKeyMaterial(properties, bundles, builder);
		customizers.forEach((customizer) -> customizer.customize(builder));
		return new DtlsClientConnections(builder, unsolicitedHandler);
	}

	private static void applyKeyMaterial(DtlsProperties.Client properties, @Nullable SslBundles bundles,
			DtlsClientBuilder builder) {
		String bundleName = properties.getSsl().getBundle();
		TrustMaterial trust = null;
		if (bundleName != null && !bundleName.isBlank()) {
			if (bundles == null) {
				throw new InvalidConfigurationPropertyValueException("dtls.client.ssl.bundle", bundleName,
						"No SslBundles bean is available to look the bundle up.");
			}
			SslBundleKeyMaterial material = SslBundleKeyMaterial.load(bundles, bundleName, "dtls.client.ssl.bundle");
			if (material.get() != null) {
				builder.credentials(material.get());
			}
			trust = material.trust();
		}
		PskIdentity pskIdentity = pskIdentity(properties);
		if (pskIdentity != null) {
			builder.pskIdentity(pskIdentity);
		}
		if (trust != null) {
			builder.trust(trust);
		}
		else if (pskIdentity == null) {
			// Without a bundle and without a PSK, trust what the JVM trusts, as HTTPS clients do.
			builder.trust(jvmDefaultTrust());
		}
	}

	/**
	 * Checks the client properties that are read lazily, on the first connection, so that a
	 * mistake fails at start-up instead.
	 */
	static void validate(DtlsProperties.Client properties) {
		PropertyChecks.positive("dtls.client.connect-timeout", properties.getConnectTimeout());
		PropertyChecks.notNegative("dtls.client.idle-timeout", properties.getIdleTimeout());
		PropertyChecks.datagramSize("dtls.client.max-datagram-size", properties.getMaxDatagramSize());
		if (!properties.getCipherSuites().isEmpty()) {
			PropertyChecks.convert("dtls.client.cipher-suites", properties.getCipherSuites(),
					() -> DtlsCipherSuite.forNames(properties.getCipherSuites()));
		}
		pskIdentity(properties);
	}

	private static @Nullable PskIdentity pskIdentity(DtlsProperties.Client properties) {
		String identity = properties.getPsk().getIdentity();
		String key = properties.getPsk().getKey();
		if (identity == null && key == null) {
			return null;
		}
		if (identity == null || key == null) {
			throw new InvalidConfigurationPropertyValueException(
					(identity == null) ? "dtls.client.psk.identity" : "dtls.client.psk.key", "(unset)",
					"Set both dtls.client.psk.identity and dtls.client.psk.key, or neither.");
		}
		byte[] keyBytes = ServerKeyMaterial.parseKey("dtls.client.psk.key", key);
		return PropertyChecks.convert("dtls.client.psk.identity", identity, () -> PskIdentity.of(identity, keyBytes));
	}

	private static TrustMaterial jvmDefaultTrust() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return TrustMaterial.of(Arrays.asList(x509.getAcceptedIssuers()));
				}
			}
		}
		catch (NoSuchAlgorithmException | KeyStoreException ex) {
			throw new IllegalStateException("The JVM's default trust store cannot be read", ex);
		}
		throw new IllegalStateException("The JVM has no default X.509 trust manager; set dtls.client.ssl.bundle");
	}

}
