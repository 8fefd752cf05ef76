package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads credentials from PKCS12 and JKS files written with the JDK's KeyStore API and with openssl. */
class X509CredentialsKeyStoreTest {

	private static final char[] STORE_PASSWORD = "store-password".toCharArray();
	private static final char[] KEY_PASSWORD = "key-password".toCharArray();

	@TempDir
	static Path dir;

	private static TestCertificates.Issued first;
	private static TestCertificates.Issued second;

	@BeforeAll
	static void createCertificates() throws Exception {
		TestCertificates.Issued root = TestCertificates.root("Key Store Root");
		first = TestCertificates.leaf(root, "first.example");
		second = TestCertificates.leaf(root, "second.example");
	}

	@Test
	void pkcs12SingleEntryLoadsWithoutAlias() throws Exception {
		Path file = writeStore("single.p12", "PKCS12", STORE_PASSWORD, "server");

		X509Credentials credentials = X509Credentials.fromKeyStoreFile(file, "PKCS12", STORE_PASSWORD, null, null);

		assertThat(credentials.leafCertificate()).isEqualTo(first.certificate());
		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
	}

	@Test
	void storeTypeIgnoresCase() throws Exception {
		Path file = writeStore("lower-case.p12", "PKCS12", STORE_PASSWORD, "server");

		X509Credentials credentials = X509Credentials.fromKeyStoreFile(file, "pkcs12", STORE_PASSWORD, null, null);

		assertThat(credentials.leafCertificate()).isEqualTo(first.certificate());
	}

	@Test
	void jksAliasSelectsEntry() throws Exception {
		Path file = writeStore("two.jks", "JKS", STORE_PASSWORD, "first", "second");

		X509Credentials credentials = X509Credentials.fromKeyStoreFile(file, "JKS", STORE_PASSWORD, "second",
				null);

		assertThat(credentials.leafCertificate()).isEqualTo(second.certificate());
	}

	@Test
	void pkcs12AliasSelectsEntry() throws Exception {
		Path file = writeStore("two.p12", "PKCS12", STORE_PASSWORD, "first", "second");

		X509Credentials credentials = X509Credentials.fromKeyStoreFile(file, "PKCS12", STORE_PASSWORD, "first",
				null);

		assertThat(credentials.leafCertificate()).isEqualTo(first.certificate());
	}

	@Test
	void severalEntriesWithoutAliasRejected() throws Exception {
		Path file = writeStore("ambiguous.p12", "PKCS12", STORE_PASSWORD, "first", "second");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "PKCS12", STORE_PASSWORD, null, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("several private key entries")
				.hasMessageContaining("first")
				.hasMessageContaining("second")
				.hasMessageContaining(file.toString());
	}

	@Test
	void unknownAliasRejected() throws Exception {
		Path file = writeStore("unknown-alias.p12", "PKCS12", STORE_PASSWORD, "first");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "PKCS12", STORE_PASSWORD, "missing",
				null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("Alias 'missing' not found")
				.hasMessageContaining("[first]");
	}

	@Test
	void wrongStorePasswordRejected() throws Exception {
		Path file = writeStore("wrong-store-password.p12", "PKCS12", STORE_PASSWORD, "server");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "PKCS12", "not-it".toCharArray(), null,
				null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(file.toString())
				.hasMessageContaining("store password is wrong")
				.hasMessageNotContaining("not-it");
	}

	@Test
	void wrongJksStorePasswordRejected() throws Exception {
		Path file = writeStore("wrong-store-password.jks", "JKS", STORE_PASSWORD, "server");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "JKS", "not-it".toCharArray(), null, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(file.toString())
				.hasMessageContaining("store password is wrong");
	}

	@Test
	void separateKeyPasswordLoads() throws Exception {
		Path file = writeStore("key-password.jks", "JKS", KEY_PASSWORD, "server");

		X509Credentials credentials = X509Credentials.fromKeyStoreFile(file, "JKS", STORE_PASSWORD, "server",
				KEY_PASSWORD);

		assertThat(credentials.leafCertificate()).isEqualTo(first.certificate());
	}

	@Test
	void wrongKeyPasswordRejected() throws Exception {
		Path file = writeStore("wrong-key-password.jks", "JKS", KEY_PASSWORD, "server");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "JKS", STORE_PASSWORD, "server", null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("entry 'server'")
				.hasMessageContaining(file.toString())
				.hasMessageContaining("key password is wrong");
	}

	@Test
	void unsupportedTypeRejected() throws Exception {
		Path file = writeStore("store.p12", "PKCS12", STORE_PASSWORD, "server");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "JCEKS", STORE_PASSWORD, null, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("'JCEKS'")
				.hasMessageContaining("Use PKCS12 or JKS");
	}

	@Test
	void mismatchedChainRejected() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("server", first.keyPair().getPrivate(), STORE_PASSWORD,
				new Certificate[] {second.certificate()});
		Path file = dir.resolve("mismatched.p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			keyStore.store(out, STORE_PASSWORD);
		}

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(file, "PKCS12", STORE_PASSWORD, null, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("entry 'server'")
				.hasMessageContaining(file.toString())
				.hasMessageContaining("does not match");
	}

	@Test
	void missingFileRejected() {
		Path missing = dir.resolve("missing.p12");

		assertThatThrownBy(() -> X509Credentials.fromKeyStoreFile(missing, "PKCS12", STORE_PASSWORD, null, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(missing.toString())
				.hasMessageContaining("not found");
	}

	@Test
	void trustedCertificateAliasRejected() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setCertificateEntry("ca", first.certificate());

		assertThatThrownBy(() -> X509Credentials.fromKeyStore(keyStore, "ca", STORE_PASSWORD))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("Alias 'ca'")
				.hasMessageContaining("not a private key entry");
	}

	@Test
	void storeWithoutKeyEntryRejected() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setCertificateEntry("ca", first.certificate());

		assertThatThrownBy(() -> X509Credentials.fromKeyStore(keyStore, null, STORE_PASSWORD))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("contains no private key entry")
				.hasMessageContaining("[ca]");
	}

	@Test
	void inMemoryKeyStoreLoads() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("server", first.keyPair().getPrivate(), STORE_PASSWORD,
				new Certificate[] {first.certificate()});

		X509Credentials credentials = X509Credentials.fromKeyStore(keyStore, null, STORE_PASSWORD);

		assertThat(credentials.leafCertificate()).isEqualTo(first.certificate());
	}

	@Test
	void opensslPkcs12Loads() throws Exception {
		OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
		OpenSsl.run(dir, "req", "-x509", "-key", "rsa.pem", "-subj", "/CN=openssl.example", "-days", "2",
				"-out", "rsa-cert.pem");
		OpenSsl.run(dir, "pkcs12", "-export", "-inkey", "rsa.pem", "-in", "rsa-cert.pem", "-name", "web",
				"-passout", "pass:" + new String(STORE_PASSWORD), "-out", "openssl.p12");

		X509Credentials credentials = X509Credentials.fromKeyStoreFile(dir.resolve("openssl.p12"), "PKCS12",
				STORE_PASSWORD, "web", null);

		assertThat(credentials.keyType()).isEqualTo(KeyType.RSA);
		assertThat(credentials.leafCertificate().getSubjectX500Principal().getName())
				.isEqualTo("CN=openssl.example");
	}

	/** Writes a key store with one private key entry per alias, using the keys of {@code first} and
	 * {@code second} in turn. */
	private static Path writeStore(String fileName, String type, char[] keyPassword, String... aliases)
			throws Exception {
		KeyStore keyStore = KeyStore.getInstance(type);
		keyStore.load(null, null);
		TestCertificates.Issued[] entries = {first, second};
		for (int i = 0; i < aliases.length; i++) {
			TestCertificates.Issued entry = entries[i];
			keyStore.setKeyEntry(aliases[i], entry.keyPair().getPrivate(), keyPassword,
					new Certificate[] {entry.certificate()});
		}
		Path file = dir.resolve(fileName);
		try (OutputStream out = Files.newOutputStream(file)) {
			keyStore.store(out, STORE_PASSWORD);
		}
		return file;
	}
}
