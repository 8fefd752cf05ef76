package io.dtls.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtls.core.DtlsConfigurationException;
import io.dtls.core.credentials.PskKeys;
import io.dtls.core.credentials.PskStore;
import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.server.DtlsServerBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Applies the server's key material to its builder: the SSL bundle, pre-shared keys from the
 * properties and from a {@link PskStore} bean, and, when none of these is configured, an
 * ephemeral self-signed certificate for development.
 */
final class ServerKeyMaterial {

	private static final Log logger = LogFactory.getLog(ServerKeyMaterial.class);

	private ServerKeyMaterial() {
	}

	static void apply(DtlsProperties.Server properties, @Nullable SslBundles bundles, @Nullable PskStore pskBean,
			DtlsServerBuilder builder) {
		boolean certificate = applyBundle(properties, bundles, builder);
		PskStore pskStore = pskStore(properties, pskBean);
		if (pskStore != null) {
			builder.pskStore(pskStore).pskIdentityHint(properties.getPsk().getIdentityHint());
		}
		Boolean selfSigned = properties.getSsl().getSelfSigned();
		boolean generate = !certificate && ((selfSigned != null) ? selfSigned : pskStore == null);
		if (!certificate && pskStore == null && Boolean.FALSE.equals(selfSigned)) {
			throw new InvalidConfigurationPropertyValueException("dtls.server.ssl.self-signed", false,
					"The server has no key material; set dtls.server.ssl.bundle or dtls.server.psk.identities,"
							+ " or allow the development certificate.");
		}
		if (generate) {
			X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
			String why = (pskStore == null)
					? "No DTLS certificate or pre-shared keys configured (dtls.server.ssl.bundle, dtls.server.psk.identities)"
					: "dtls.server.ssl.self-signed is true and no dtls.server.ssl.bundle is set";
			logger.warn(why + "; using an ephemeral self-signed certificate for development, SHA-256 fingerprint "
					+ SelfSignedCertificateGenerator.sha256Fingerprint(credentials.leafCertificate()));
			builder.credentials(credentials);
		}
	}

	private static boolean applyBundle(DtlsProperties.Server properties, @Nullable SslBundles bundles,
			DtlsServerBuilder builder) {
		String bundleName = properties.getSsl().getBundle();
		if (bundleName == null || bundleName.isBlank()) {
			if (properties.getClientAuth() != io.dtls.core.credentials.ClientAuth.NONE) {
				throw new InvalidConfigurationPropertyValueException("dtls.server.client-auth",
						properties.getClientAuth(),
						"Client authentication needs trust material; set dtls.server.ssl.bundle to a bundle with a trust store.");
			}
			return false;
		}
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException("dtls.server.ssl.bundle", bundleName,
					"No SslBundles bean is available to look the bundle up.");
		}
		SslBundleKeyMaterial material = SslBundleKeyMaterial.load(bundles, bundleName, "dtls.server.ssl.bundle");
		if (material.hasCredentials()) {
			builder.credentials(material);
		}
		if (material.trust() != null) {
			builder.trust(material.trust());
		}
		else if (properties.getClientAuth() != io.dtls.core.credentials.ClientAuth.NONE) {
			throw new InvalidConfigurationPropertyValueException("dtls.server.client-auth", properties.getClientAuth(),
					"SSL bundle '" + bundleName + "' has no trust store to validate client certificates against;"
							+ " add one to the bundle or set dtls.server.client-auth=none.");
		}
		return material.hasCredentials();
	}

	private static @Nullable PskStore pskStore(DtlsProperties.Server properties, @Nullable PskStore pskBean) {
		Map<String, String> identities = properties.getPsk().getIdentities();
		if (identities.isEmpty()) {
			return pskBean;
		}
		Map<String, byte[]> keys = new LinkedHashMap<>();
		identities.forEach((identity, key) -> keys.put(identity, parseKey("dtls.server.psk.identities." + identity, key)));
		StaticPskStore fromProperties = PropertyChecks.convert("dtls.server.psk.identities", identities.keySet(),
				() -> StaticPskStore.of(keys));
		if (pskBean == null) {
			return fromProperties;
		}
		List<PskStore> stores = List.of(pskBean, fromProperties);
		return (identity) -> {
			for (PskStore store : stores) {
				byte[] key = store.getKey(identity);
				if (key != null) {
					return key;
				}
			}
			return null;
		};
	}

	/**
	 * Parses a pre-shared key property.
	 * @throws DtlsConfigurationException naming the property but not the key: Boot's failure
	 * analysis of a property value exception would print the value from the environment
	 */
	static byte[] parseKey(String property, String key) {
		try {
			return PskKeys.parse(key);
		}
		catch (IllegalArgumentException ex) {
			throw new DtlsConfigurationException("Invalid pre-shared key in property '" + property + "': "
					+ ex.getMessage());
		}
	}

}
