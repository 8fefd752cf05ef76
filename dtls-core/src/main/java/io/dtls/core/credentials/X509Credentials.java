package io.dtls.core.credentials;

import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private key with its X.509 certificate chain, which a DTLS endpoint presents to authenticate itself.
 *
 * <p>The chain is ordered leaf first, and each following certificate should be the issuer of the one before it.
 * Every factory method checks that the private key belongs to the leaf certificate and that the key is an
 * {@link KeyType#EC} or {@link KeyType#RSA} key. Instances are immutable and safe to share between threads.
 *
 * @since 0.1.0
 */
public final class X509Credentials {

	private static final Logger log = LoggerFactory.getLogger(X509Credentials.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PrivateKey privateKey;
	private final List<X509Certificate> certificateChain;
	private final KeyType keyType;

	private X509Credentials(PrivateKey privateKey, List<X509Certificate> certificateChain, KeyType keyType) {
		this.privateKey = privateKey;
		this.certificateChain = certificateChain;
		this.keyType = keyType;
	}

	/**
	 * Creates credentials from a private key and its certificate chain.
	 *
	 * <p>The method signs a random challenge with the key and verifies it with the leaf certificate's public key,
	 * so a key and certificate that do not belong together are rejected here and not in a later handshake. A leaf
	 * certificate that is expired or not yet valid is accepted with a logged warning, because peers will reject it
	 * but the clock may still reach its validity period.
	 *
	 * @param privateKey the private key of the leaf certificate
	 * @param chain the certificate chain, leaf first, optionally followed by intermediate and root certificates
	 * @return the credentials, holding an unmodifiable copy of the chain
	 * @throws CredentialsException if the chain is empty, the key type is not EC or RSA, or the key does not
	 *     match the leaf certificate
	 */
	public static X509Credentials of(PrivateKey privateKey, List<X509Certificate> chain) {
		return create(privateKey, chain, "the private key");
	}

	/**
	 * Loads credentials from a PEM certificate chain file and a PEM private key file.
	 *
	 * <p>The certificate file contains one or more {@code CERTIFICATE} blocks, leaf first. The key file contains
	 * one private key as PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), SEC1
	 * ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}). SEC1 and PKCS#1 keys may carry the legacy
	 * OpenSSL encryption headers. Blocks of other types are skipped, so one file may serve as both arguments.
	 *
	 * @param certificateChainFile PEM file with the certificate chain, leaf first
	 * @param privateKeyFile PEM file with the private key of the leaf certificate
	 * @param keyPassword the password of an encrypted key, or {@code null} if the key is not encrypted. A password
	 *     given for an unencrypted key is ignored. The array is not modified or kept.
	 * @return the loaded credentials
	 * @throws CredentialsException if a file is missing or cannot be parsed, the key is encrypted and the password
	 *     is missing or wrong, or the key does not match the leaf certificate
	 */
	public static X509Credentials fromPem(Path certificateChainFile, Path privateKeyFile,
			char @Nullable [] keyPassword) {
		Objects.requireNonNull(certificateChainFile, "certificateChainFile");
		Objects.requireNonNull(privateKeyFile, "privateKeyFile");
		List<X509Certificate> chain = PemFiles.readCertificates(certificateChainFile, "certificate chain file");
		PrivateKey privateKey = PemFiles.readPrivateKey(privateKeyFile, keyPassword);
		return create(privateKey, chain, "the private key in '" + privateKeyFile + "'");
	}

	/**
	 * Loads credentials from a private key entry of a loaded key store.
	 *
	 * @param keyStore a key store on which {@link KeyStore#load} has been called
	 * @param alias the alias of the private key entry, or {@code null} to use the only private key entry in the
	 *     store
	 * @param keyPassword the password of the private key entry. The array is not modified or kept.
	 * @return the credentials of that entry
	 * @throws CredentialsException if the alias is not found or is not a private key entry, if {@code alias} is
	 *     {@code null} and the store has no or several private key entries, or if the key password is wrong
	 */
	public static X509Credentials fromKeyStore(KeyStore keyStore, @Nullable String alias, char[] keyPassword) {
		Objects.requireNonNull(keyStore, "keyStore");
		Objects.requireNonNull(keyPassword, "keyPassword");
		return fromKeyStore(keyStore, alias, keyPassword, "key store");
	}

	/**
	 * Loads credentials from a private key entry of a PKCS12 or JKS key store file.
	 *
	 * @param file the key store file
	 * @param type "PKCS12" or "JKS", in any letter case
	 * @param storePassword the password that protects the key store's integrity
	 * @param alias the alias of the private key entry, or {@code null} to use the only private key entry
	 * @param keyPassword the password of the private key entry, or {@code null} if it equals the store password
	 * @return the credentials of that entry
	 * @throws CredentialsException if the type is not supported, the file is missing or unreadable, a password is
	 *     wrong, or the entry cannot be selected as described in {@link #fromKeyStore}
	 */
	public static X509Credentials fromKeyStoreFile(Path file, String type, char[] storePassword,
			@Nullable String alias, char @Nullable [] keyPassword) {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(storePassword, "storePassword");
		KeyStore keyStore = KeyStores.load(file, type, storePassword);
		char[] entryPassword = keyPassword != null ? keyPassword : storePassword;
		return fromKeyStore(keyStore, alias, entryPassword, "key store file '" + file + "'");
	}

	/**
	 * Returns the private key of the leaf certificate.
	 *
	 * @return the private key
	 */
	public PrivateKey privateKey() {
		return privateKey;
	}

	/**
	 * Returns the certificate chain, leaf first.
	 *
	 * @return an unmodifiable list with at least one certificate
	 */
	public List<X509Certificate> certificateChain() {
		return certificateChain;
	}

	/**
	 * Returns the leaf certificate, the first certificate of the chain.
	 *
	 * @return the certificate that the private key belongs to
	 */
	public X509Certificate leafCertificate() {
		return certificateChain.get(0);
	}

	/**
	 * Returns the algorithm of the private key.
	 *
	 * @return {@link KeyType#EC} or {@link KeyType#RSA}
	 */
	public KeyType keyType() {
		return keyType;
	}

	/**
	 * Returns the leaf certificate's subject and the key type, without any key material.
	 *
	 * @return a description such as {@code X509Credentials[subject=CN=localhost, keyType=EC]}
	 */
	@Override
	public String toString() {
		return "X509Credentials[subject=" + leafCertificate().getSubjectX500Principal().getName()
				+ ", keyType=" + keyType + "]";
	}

	private static X509Credentials fromKeyStore(KeyStore keyStore, @Nullable String alias, char[] keyPassword,
			String storeDescription) {
		String entryAlias = alias != null ? alias : findOnlyPrivateKeyAlias(keyStore, storeDescription);
		try {
			if (!keyStore.containsAlias(entryAlias)) {
				throw new CredentialsException("Alias '" + entryAlias + "' not found in " + storeDescription
						+ ". Its aliases are " + KeyStores.aliases(keyStore) + ".");
			}
			if (!keyStore.entryInstanceOf(entryAlias, KeyStore.PrivateKeyEntry.class)) {
				throw new CredentialsException("Alias '" + entryAlias + "' in " + storeDescription
						+ " is not a private key entry. Use the alias of an entry with a private key and"
						+ " certificate chain.");
			}

			PrivateKey privateKey = (PrivateKey) keyStore.getKey(entryAlias, keyPassword);
			Certificate[] chain = keyStore.getCertificateChain(entryAlias);
			List<X509Certificate> x509Chain = new ArrayList<>();
			for (Certificate certificate : chain) {
				if (!(certificate instanceof X509Certificate x509Certificate)) {
					throw new CredentialsException("Entry '" + entryAlias + "' in " + storeDescription
							+ " has a certificate of type " + certificate.getType() + ", but only X.509 is"
							+ " supported.");
				}
				x509Chain.add(x509Certificate);
			}
			return create(privateKey, x509Chain,
					"the private key of entry '" + entryAlias + "' in " + storeDescription);
		} catch (UnrecoverableKeyException e) {
			throw new CredentialsException("Could not recover the private key of entry '" + entryAlias + "' in "
					+ storeDescription + ": the key password is wrong.", e);
		} catch (KeyStoreException | NoSuchAlgorithmException e) {
			throw new CredentialsException("Could not read entry '" + entryAlias + "' in " + storeDescription
					+ ": " + e.getMessage(), e);
		}
	}

	private static String findOnlyPrivateKeyAlias(KeyStore keyStore, String storeDescription) {
		List<String> aliases = KeyStores.aliases(keyStore);
		List<String> keyAliases = new ArrayList<>();
		for (String candidate : aliases) {
			try {
				if (keyStore.entryInstanceOf(candidate, KeyStore.PrivateKeyEntry.class)) {
					keyAliases.add(candidate);
				}
			} catch (KeyStoreException e) {
				throw new CredentialsException("Could not read entry '" + candidate + "' in " + storeDescription
						+ ": " + e.getMessage(), e);
			}
		}
		if (keyAliases.isEmpty()) {
			throw new CredentialsException(capitalize(storeDescription) + " contains no private key entry. Its"
					+ " aliases are " + aliases + ".");
		}
		if (keyAliases.size() > 1) {
			throw new CredentialsException(capitalize(storeDescription) + " contains several private key"
					+ " entries " + keyAliases + ". Set the alias of the one to use.");
		}
		return keyAliases.get(0);
	}

	private static X509Credentials create(PrivateKey privateKey, List<X509Certificate> chain,
			String keyDescription) {
		Objects.requireNonNull(privateKey, "privateKey");
		Objects.requireNonNull(chain, "chain");
		List<X509Certificate> chainCopy = List.copyOf(chain);
		if (chainCopy.isEmpty()) {
			throw new CredentialsException("The certificate chain for " + keyDescription + " is empty. Provide at"
					+ " least the leaf certificate.");
		}
		X509Certificate leaf = chainCopy.get(0);
		String subject = leaf.getSubjectX500Principal().getName();

		KeyType keyType = KeyType.of(privateKey);
		if (keyType == null) {
			throw new CredentialsException(capitalize(keyDescription) + " for certificate '" + subject
					+ "' uses algorithm " + privateKey.getAlgorithm() + ", which is not supported. Use an EC or"
					+ " RSA key.");
		}
		PublicKey publicKey = leaf.getPublicKey();
		KeyType certificateKeyType = KeyType.of(publicKey);
		if (certificateKeyType != keyType) {
			throw new CredentialsException(capitalize(keyDescription) + " is an " + keyType + " key, but the"
					+ " public key of certificate '" + subject + "' is " + publicKey.getAlgorithm() + ". Use the"
					+ " certificate that belongs to the key.");
		}
		if (!signatureVerifies(privateKey, publicKey, keyType, subject)) {
			throw new CredentialsException(capitalize(keyDescription) + " does not match the public key of"
					+ " certificate '" + subject + "'. Use the certificate and key that belong together, with"
					+ " the leaf certificate first in the chain.");
		}

		warnIfOutsideValidity(leaf, subject);
		return new X509Credentials(privateKey, chainCopy, keyType);
	}

	private static boolean signatureVerifies(PrivateKey privateKey, PublicKey publicKey, KeyType keyType,
			String subject) {
		String algorithm = keyType == KeyType.EC ? "SHA256withECDSA" : "SHA256withRSA";
		byte[] challenge = new byte[32];
		RANDOM.nextBytes(challenge);
		try {
			byte[] signature = sign(algorithm, privateKey, challenge);
			return verify(algorithm, publicKey, challenge, signature);
		} catch (InvalidKeyException | NoSuchAlgorithmException | SignatureException e) {
			throw new CredentialsException("Could not check that the private key matches certificate '" + subject
					+ "': " + e.getMessage(), e);
		}
	}

	// The installed JDK providers come first, so that a key that only its own provider can use, such as a PKCS#11
	// token key, is still checked. Bouncy Castle is the fallback for curves that the SunEC provider of JDK 17 does
	// not support, such as brainpoolP256r1. SunEC accepts such a key in initSign and fails only in sign, so both
	// steps fall back.
	private static byte[] sign(String algorithm, PrivateKey key, byte[] data)
			throws NoSuchAlgorithmException, InvalidKeyException, SignatureException {
		try {
			return signWith(Signature.getInstance(algorithm), key, data);
		} catch (InvalidKeyException | SignatureException e) {
			return signWith(Signature.getInstance(algorithm, BouncyCastle.PROVIDER), key, data);
		}
	}

	private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature)
			throws NoSuchAlgorithmException, InvalidKeyException {
		try {
			return verifyWith(Signature.getInstance(algorithm), key, data, signature);
		} catch (InvalidKeyException | SignatureException e) {
			try {
				return verifyWith(Signature.getInstance(algorithm, BouncyCastle.PROVIDER), key, data, signature);
			} catch (SignatureException malformed) {
				// A signature that cannot even be decoded, such as an RSA signature longer than the certificate's
				// modulus, comes from a different key.
				return false;
			}
		}
	}

	private static byte[] signWith(Signature signature, PrivateKey key, byte[] data)
			throws InvalidKeyException, SignatureException {
		signature.initSign(key);
		signature.update(data);
		return signature.sign();
	}

	private static boolean verifyWith(Signature signature, PublicKey key, byte[] data, byte[] signatureBytes)
			throws InvalidKeyException, SignatureException {
		signature.initVerify(key);
		signature.update(data);
		return signature.verify(signatureBytes);
	}

	private static void warnIfOutsideValidity(X509Certificate leaf, String subject) {
		try {
			leaf.checkValidity();
		} catch (CertificateExpiredException e) {
			log.warn("Certificate '{}' expired at {}. Peers will reject it until it is replaced.",
					subject, leaf.getNotAfter().toInstant());
		} catch (CertificateNotYetValidException e) {
			log.warn("Certificate '{}' is not valid before {}. Peers will reject it until then.",
					subject, leaf.getNotBefore().toInstant());
		}
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
