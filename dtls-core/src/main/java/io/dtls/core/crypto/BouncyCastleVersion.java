package io.dtls.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.jar.Manifest;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.DTLSServerProtocol;

/**
 * The versions of the Bouncy Castle jars on the class path, for start-up logs and diagnostics.
 * <p>
 * Bouncy Castle 1.84 writes its version only as {@code Bundle-Version} into each jar's
 * manifest, so {@code Package.getImplementationVersion()} returns {@code null} for its
 * classes. {@code BouncyCastleProvider.getVersionStr()} would need a provider instance, whose
 * constructor registers every algorithm of the provider, and an application on pre-shared keys
 * never creates one otherwise. So the version is read from the manifest of the jar that
 * contains a known class.
 *
 * @since 0.1.0
 */
public final class BouncyCastleVersion {

	/** The value returned when a version cannot be read, for example from an exploded class directory. */
	public static final String UNKNOWN = "unknown";

	private static final String TLS = bundleVersion(DTLSServerProtocol.class);

	private static final String PROVIDER = bundleVersion(BouncyCastleProvider.class);

	private BouncyCastleVersion() {
	}

	/**
	 * Returns the version of {@code bctls}, which implements DTLS, such as {@code 1.84}, or
	 * {@link #UNKNOWN}.
	 */
	public static String tls() {
		return TLS;
	}

	/**
	 * Returns the version of {@code bcprov}, the cryptographic provider, or {@link #UNKNOWN}.
	 */
	public static String provider() {
		return PROVIDER;
	}

	private static String bundleVersion(Class<?> type) {
		URL classFile = type.getResource(type.getSimpleName() + ".class");
		if (classFile == null) {
			return UNKNOWN;
		}
		// A class in a jar has a URL of the form jar:<jar URL>!/<path>, also inside a Spring
		// Boot executable jar, whose nested jars have jar:nested:<outer>/!<inner>!/<path>.
		String text = classFile.toString();
		int entry = text.lastIndexOf("!/");
		if (!text.startsWith("jar:") || entry < 0) {
			return UNKNOWN;
		}
		try (InputStream input = URI.create(text.substring(0, entry + 2) + "META-INF/MANIFEST.MF").toURL()
			.openStream()) {
			String version = new Manifest(input).getMainAttributes().getValue("Bundle-Version");
			return (version != null) ? version : UNKNOWN;
		}
		catch (IOException | IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

	/**
	 * Returns both versions as text for a log line, such as {@code bctls 1.84, bcprov 1.84}.
	 */
	public static String describe() {
		return "bctls " + TLS + ", bcprov " + PROVIDER;
	}

}
