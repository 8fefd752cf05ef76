package io.dtls.core.credentials;

import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Trusted certificates and the PKIX path validation of peer certificate chains against them.
 *
 * <p>A server uses trust material to validate client certificates, and a client uses it to validate the server's
 * certificate. Instances are immutable, and {@link #validate} may be called from several threads at once.
 *
 * @since 0.1.0
 */
public final class TrustMaterial {

	private static final String SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1";
	private static final String CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";
	private static final String ANY_EXTENDED_KEY_USAGE_OID = "2.5.29.37.0";

	/**
	 * Role that a validated certificate must be allowed to play, checked against the leaf certificate's extended
	 * key usage extension.
	 *
	 * @since 0.1.0
	 */
	public enum Purpose {

		/** The certificate authenticates a server, so its extended key usage must allow serverAuth. */
		SERVER(SERVER_AUTH_OID, "serverAuth"),

		/** The certificate authenticates a client, so its extended key usage must allow clientAuth. */
		CLIENT(CLIENT_AUTH_OID, "clientAuth");

		private final String extendedKeyUsageOid;
		private final String extendedKeyUsageName;

		Purpose(String extendedKeyUsageOid, String extendedKeyUsageName) {
			this.extendedKeyUsageOid = extendedKeyUsageOid;
			this.extendedKeyUsageName = extendedKeyUsageName;
		}
	}

	private final List<X509Certificate> trustedCertificates;
	private final Set<X509Certificate> trustedCertificateSet;
	private final Set<TrustAnchor> trustAnchors;

	private TrustMaterial(List<X509Certificate> trustedCertificates) {
		this.trustedCertificates = trustedCertificates;
		this.trustedCertificateSet = Set.copyOf(trustedCertificates);
		Set<TrustAnchor> anchors = new LinkedHashSet<>();
		for (X509Certificate certificate : trustedCertificates) {
			anchors.add(new TrustAnchor(certificate, null));
		}
		this.trustAnchors = Set.copyOf(anchors);
	}

	/**
	 * Creates trust material from trusted certificates, usually root or intermediate CA certificates.
	 *
	 * @param trustedCertificates one or more certificates. Duplicates are removed.
	 * @return the trust material
	 * @throws CredentialsException if the collection is empty
	 */
	public static TrustMaterial of(Collection<X509Certificate> trustedCertificates) {
		Objects.requireNonNull(trustedCertificates, "trustedCertificates");
		if (trustedCertificates.isEmpty()) {
			throw new CredentialsException("The collection of trusted certificates is empty. Provide at least one"
					+ " CA certificate.");
		}
		for (X509Certificate certificate : trustedCertificates) {
			Objects.requireNonNull(certificate, "trustedCertificates must not contain null");
		}
		return new TrustMaterial(List.copyOf(new LinkedHashSet<>(trustedCertificates)));
	}

	/**
	 * Loads trusted certificates from a PEM bundle of one or more {@code CERTIFICATE} or
	 * {@code TRUSTED CERTIFICATE} blocks. Blocks of other types are skipped.
	 *
	 * @param pemFile the PEM file
	 * @return the trust material
	 * @throws CredentialsException if the file is missing, cannot be parsed or contains no certificate
	 */
	public static TrustMaterial fromPem(Path pemFile) {
		Objects.requireNonNull(pemFile, "pemFile");
		return new TrustMaterial(List.copyOf(
				new LinkedHashSet<>(PemFiles.readCertificates(pemFile, "trusted certificate file"))));
	}

	/**
	 * Creates trust material from the certificates of a loaded key store: every trusted certificate entry, and the
	 * leaf certificate of every private key entry.
	 *
	 * @param keyStore a key store on which {@link KeyStore#load} has been called
	 * @return the trust material
	 * @throws CredentialsException if the key store contains no certificate
	 */
	public static TrustMaterial fromKeyStore(KeyStore keyStore) {
		Objects.requireNonNull(keyStore, "keyStore");
		return fromKeyStore(keyStore, "key store");
	}

	/**
	 * Loads trusted certificates from a PKCS12 or JKS key store file, as {@link #fromKeyStore(KeyStore)} does.
	 *
	 * @param file the key store file
	 * @param type "PKCS12" or "JKS", in any letter case
	 * @param password the key store password
	 * @return the trust material
	 * @throws CredentialsException if the type is not supported, the file is missing or unreadable, the password is
	 *     wrong, or the store contains no certificate
	 */
	public static TrustMaterial fromKeyStoreFile(Path file, String type, char[] password) {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(password, "password");
		return fromKeyStore(KeyStores.load(file, type, password), "key store file '" + file + "'");
	}

	/**
	 * Validates a peer's certificate chain with the JDK's PKIX {@link CertPathValidator}.
	 *
	 * <p>The chain is ordered leaf first, as a peer sends it, and may include or omit the root certificate. The
	 * chain is cut before its first trusted certificate, so any trusted certificate, root or intermediate,
	 * ends the path. A leaf that is itself trusted is accepted without a path. Validity dates are checked against
	 * the current time. When the leaf has an extended key usage extension, it must contain the usage of
	 * {@code purpose} or anyExtendedKeyUsage. A leaf without the extension is accepted for both purposes.
	 *
	 * @param chain the peer's certificate chain, leaf first
	 * @param purpose the role the leaf certificate must be allowed to play
	 * @throws CertificateException if the chain is empty, a certificate is expired or not yet valid, a signature
	 *     does not verify, the chain does not lead to a trusted certificate, or the leaf's extended key usage does
	 *     not allow {@code purpose}. The message names the certificate and the reason.
	 */
	public void validate(List<X509Certificate> chain, Purpose purpose) throws CertificateException {
		Objects.requireNonNull(chain, "chain");
		Objects.requireNonNull(purpose, "purpose");
		if (chain.isEmpty()) {
			throw new CertificateException("The peer's certificate chain is empty, so there is no certificate to"
					+ " validate.");
		}
		X509Certificate leaf = chain.get(0);
		checkExtendedKeyUsage(leaf, purpose);

		if (trustedCertificateSet.contains(leaf)) {
			checkValidity(leaf);
			return;
		}
		int pathLength = 1;
		while (pathLength < chain.size() && !trustedCertificateSet.contains(chain.get(pathLength))) {
			pathLength++;
		}
		validatePath(chain.subList(0, pathLength));
	}

	/**
	 * Returns the trusted certificates.
	 *
	 * @return an unmodifiable list without duplicates, in the order in which they were given or loaded
	 */
	public List<X509Certificate> trustedCertificates() {
		return trustedCertificates;
	}

	/**
	 * Returns the subjects of the trusted certificates, which a server lists as acceptable certificate
	 * authorities in its CertificateRequest message.
	 *
	 * @return an unmodifiable list of subjects without duplicates, in the order of {@link #trustedCertificates()}
	 */
	public List<X500Principal> certificateAuthorities() {
		Set<X500Principal> subjects = new LinkedHashSet<>();
		for (X509Certificate certificate : trustedCertificates) {
			subjects.add(certificate.getSubjectX500Principal());
		}
		return List.copyOf(subjects);
	}

	/**
	 * Returns the number of trusted certificates and their subjects.
	 *
	 * @return a description such as {@code TrustMaterial[1 certificate: CN=Example Root]}
	 */
	@Override
	public String toString() {
		List<String> subjects = new ArrayList<>();
		for (X509Certificate certificate : trustedCertificates) {
			subjects.add(certificate.getSubjectX500Principal().getName());
		}
		int count = trustedCertificates.size();
		return "TrustMaterial[" + count + (count == 1 ? " certificate: " : " certificates: ")
				+ String.join("; ", subjects) + "]";
	}

	private static TrustMaterial fromKeyStore(KeyStore keyStore, String storeDescription) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (String alias : KeyStores.aliases(keyStore)) {
			try {
				boolean trustedEntry = keyStore.entryInstanceOf(alias, KeyStore.TrustedCertificateEntry.class);
				boolean keyEntry = keyStore.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class);
				if (!trustedEntry && !keyEntry) {
					continue;
				}
				Certificate certificate = keyStore.getCertificate(alias);
				if (certificate instanceof X509Certificate x509Certificate) {
					certificates.add(x509Certificate);
				}
			} catch (KeyStoreException e) {
				throw new CredentialsException("Could not read entry '" + alias + "' in " + storeDescription + ": "
						+ e.getMessage(), e);
			}
		}
		if (certificates.isEmpty()) {
			throw new CredentialsException("No X.509 certificate found in " + storeDescription + ". Its aliases are "
					+ KeyStores.aliases(keyStore) + ". Add the CA certificates to trust.");
		}
		return new TrustMaterial(List.copyOf(new LinkedHashSet<>(certificates)));
	}

	private static void checkExtendedKeyUsage(X509Certificate leaf, Purpose purpose) throws CertificateException {
		List<String> usages = leaf.getExtendedKeyUsage();
		if (usages == null
				|| usages.contains(purpose.extendedKeyUsageOid)
				|| usages.contains(ANY_EXTENDED_KEY_USAGE_OID)) {
			return;
		}
		throw new CertificateException("Certificate '" + subjectOf(leaf) + "' is not allowed for "
				+ purpose.extendedKeyUsageName + ": its extended key usage contains only "
				+ describeUsages(usages) + ". Use a certificate issued for " + purpose.extendedKeyUsageName + ".");
	}

	private static void checkValidity(X509Certificate certificate) throws CertificateException {
		try {
			certificate.checkValidity();
		} catch (CertificateExpiredException e) {
			throw new CertificateException(expiredMessage(certificate), e);
		} catch (CertificateNotYetValidException e) {
			throw new CertificateException(notYetValidMessage(certificate), e);
		}
	}

	private void validatePath(List<X509Certificate> path) throws CertificateException {
		CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
		PKIXParameters parameters;
		try {
			parameters = new PKIXParameters(trustAnchors);
		} catch (InvalidAlgorithmParameterException e) {
			throw new IllegalStateException("Internal error: the trust anchor set is empty", e);
		}
		// NOTE: revocation is not checked yet. No CRL or OCSP lookups are made, so a revoked certificate passes.
		parameters.setRevocationEnabled(false);

		try {
			CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
		} catch (CertPathValidatorException e) {
			throw new CertificateException(describeFailure(e, path), e);
		} catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
			throw new CertificateException("Could not run PKIX path validation for certificate '"
					+ subjectOf(path.get(0)) + "': " + e.getMessage(), e);
		}
	}

	private static String describeFailure(CertPathValidatorException e, List<X509Certificate> path) {
		X509Certificate leaf = path.get(0);
		int index = e.getIndex();
		X509Certificate failed = index >= 0 && index < path.size() ? path.get(index) : leaf;
		X509Certificate last = path.get(path.size() - 1);

		if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
			return "Certificate chain of '" + subjectOf(leaf) + "' does not lead to a trusted certificate: no"
					+ " trusted certificate is the issuer '" + last.getIssuerX500Principal().getName() + "'. Add"
					+ " that CA certificate to the trust material.";
		}
		if (e.getReason() == BasicReason.EXPIRED) {
			return expiredMessage(failed);
		}
		if (e.getReason() == BasicReason.NOT_YET_VALID) {
			return notYetValidMessage(failed);
		}
		if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
			return "Signature of certificate '" + subjectOf(failed) + "' does not verify with the public key of"
					+ " its issuer '" + failed.getIssuerX500Principal().getName() + "'.";
		}
		if (e.getReason() == BasicReason.ALGORITHM_CONSTRAINED) {
			return "Certificate '" + subjectOf(failed) + "' uses an algorithm or key size that the JVM's"
					+ " jdk.certpath.disabledAlgorithms setting disables: " + e.getMessage();
		}
		return "Certificate chain of '" + subjectOf(leaf) + "' failed path validation at certificate '"
				+ subjectOf(failed) + "': " + e.getMessage();
	}

	private static String expiredMessage(X509Certificate certificate) {
		return "Certificate '" + subjectOf(certificate) + "' expired at " + certificate.getNotAfter().toInstant()
				+ ". The peer must renew it.";
	}

	private static String notYetValidMessage(X509Certificate certificate) {
		return "Certificate '" + subjectOf(certificate) + "' is not valid before "
				+ certificate.getNotBefore().toInstant() + ". Check the clocks of both peers.";
	}

	private static String describeUsages(List<String> oids) {
		List<String> names = new ArrayList<>();
		for (String oid : oids) {
			names.add(switch (oid) {
				case SERVER_AUTH_OID -> "serverAuth";
				case CLIENT_AUTH_OID -> "clientAuth";
				case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
				case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
				case "1.3.6.1.5.5.7.3.8" -> "timeStamping";
				case "1.3.6.1.5.5.7.3.9" -> "OCSPSigning";
				default -> oid;
			});
		}
		return names.toString();
	}

	private static String subjectOf(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}
}
