package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads keys and certificates that the openssl command-line tool wrote, in every supported PEM key form. */
class X509CredentialsPemTest {

	private static final String PASSWORD = "correct horse";

	@TempDir
	static Path dir;

	@BeforeAll
	static void generateFiles() throws Exception {
		OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
		OpenSsl.run(dir, "ec", "-in", "ec.pem", "-out", "ec-sec1.pem");
		OpenSsl.run(dir, "ec", "-in", "ec.pem", "-aes128", "-passout", "pass:" + PASSWORD,
				"-out", "ec-sec1-encrypted.pem");
		OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "ec.pem", "-passout", "pass:" + PASSWORD,
				"-out", "ec-encrypted.pem");
		OpenSsl.run(dir, "req", "-x509", "-key", "ec.pem", "-subj", "/CN=ec.example", "-days", "2",
				"-out", "ec-cert.pem");

		OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
		OpenSsl.run(dir, "rsa", "-in", "rsa.pem", "-traditional", "-out", "rsa-pkcs1.pem");
		OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "rsa.pem", "-passout", "pass:" + PASSWORD,
				"-out", "rsa-encrypted.pem");
		OpenSsl.run(dir, "req", "-x509", "-key", "rsa.pem", "-subj", "/CN=rsa.example", "-days", "2",
				"-out", "rsa-cert.pem");

		OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
				"-out", "other-ec.pem");
		OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", "-out", "other-rsa.pem");

		OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1",
				"-out", "brainpool.pem");
		OpenSsl.run(dir, "req", "-x509", "-key", "brainpool.pem", "-subj", "/CN=brainpool.example", "-days", "2",
				"-out", "brainpool-cert.pem");

		OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-out", "ed25519.pem");
		OpenSsl.run(dir, "req", "-x509", "-key", "ed25519.pem", "-subj", "/CN=ed25519.example", "-days", "2",
				"-out", "ed25519-cert.pem");

		// A two-certificate chain: a CA and a leaf that it signed.
		OpenSsl.run(dir, "req", "-x509", "-key", "rsa.pem", "-subj", "/CN=Test CA", "-days", "2",
				"-addext", "basicConstraints=critical,CA:TRUE", "-out", "ca-cert.pem");
		OpenSsl.run(dir, "req", "-new", "-key", "ec.pem", "-subj", "/CN=leaf.example", "-out", "leaf.csr");
		OpenSsl.run(dir, "x509", "-req", "-in", "leaf.csr", "-CA", "ca-cert.pem", "-CAkey", "rsa.pem",
				"-CAcreateserial", "-days", "2", "-out", "leaf-cert.pem");
		Files.writeString(dir.resolve("chain.pem"),
				Files.readString(dir.resolve("leaf-cert.pem")) + Files.readString(dir.resolve("ca-cert.pem")));

		Files.writeString(dir.resolve("combined.pem"),
				Files.readString(dir.resolve("ec-cert.pem")) + Files.readString(dir.resolve("ec-sec1.pem")));
	}

	@Test
	void ecPkcs8KeyLoads() {
		X509Credentials credentials = X509Credentials.fromPem(file("ec-cert.pem"), file("ec.pem"), null);

		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
		assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
		assertThat(credentials.leafCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=ec.example");
	}

	@Test
	void ecSec1KeyLoads() throws Exception {
		assertThat(Files.readAllLines(file("ec-sec1.pem")).get(0)).isEqualTo("-----BEGIN EC PRIVATE KEY-----");

		X509Credentials credentials = X509Credentials.fromPem(file("ec-cert.pem"), file("ec-sec1.pem"), null);

		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
		assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
	}

	@Test
	void legacyEncryptedSec1KeyLoads() {
		X509Credentials credentials = X509Credentials.fromPem(file("ec-cert.pem"), file("ec-sec1-encrypted.pem"),
				PASSWORD.toCharArray());

		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
	}

	@Test
	void rsaPkcs8KeyLoads() {
		X509Credentials credentials = X509Credentials.fromPem(file("rsa-cert.pem"), file("rsa.pem"), null);

		assertThat(credentials.keyType()).isEqualTo(KeyType.RSA);
		assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("RSA");
	}

	@Test
	void rsaPkcs1KeyLoads() throws Exception {
		assertThat(Files.readAllLines(file("rsa-pkcs1.pem")).get(0)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");

		X509Credentials credentials = X509Credentials.fromPem(file("rsa-cert.pem"), file("rsa-pkcs1.pem"), null);

		assertThat(credentials.keyType()).isEqualTo(KeyType.RSA);
	}

	@Test
	void encryptedEcPkcs8LoadsWithPassword() throws Exception {
		assertThat(Files.readAllLines(file("ec-encrypted.pem")).get(0))
				.isEqualTo("-----BEGIN ENCRYPTED PRIVATE KEY-----");

		X509Credentials credentials = X509Credentials.fromPem(file("ec-cert.pem"), file("ec-encrypted.pem"),
				PASSWORD.toCharArray());

		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
	}

	@Test
	void encryptedRsaPkcs8LoadsWithPassword() {
		X509Credentials credentials = X509Credentials.fromPem(file("rsa-cert.pem"), file("rsa-encrypted.pem"),
				PASSWORD.toCharArray());

		assertThat(credentials.keyType()).isEqualTo(KeyType.RSA);
	}

	@Test
	void encryptedKeyWrongPasswordRejected() {
		Path keyFile = file("ec-encrypted.pem");

		assertThatThrownBy(() -> X509Credentials.fromPem(file("ec-cert.pem"), keyFile,
				"wrong password".toCharArray()))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(keyFile.toString())
				.hasMessageContaining("key password is wrong")
				.hasMessageNotContaining("wrong password");
	}

	@Test
	void encryptedKeyWithoutPasswordRejected() {
		Path keyFile = file("ec-encrypted.pem");

		assertThatThrownBy(() -> X509Credentials.fromPem(file("ec-cert.pem"), keyFile, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(keyFile.toString())
				.hasMessageContaining("is encrypted");
	}

	@Test
	void brainpoolKeyLoads() {
		// SunEC in JDK 17 lacks brainpool curves, so the key check has to fall back to Bouncy Castle.
		X509Credentials credentials = X509Credentials.fromPem(file("brainpool-cert.pem"), file("brainpool.pem"),
				null);

		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
	}

	@Test
	void chainFileKeepsLeafFirst() {
		X509Credentials credentials = X509Credentials.fromPem(file("chain.pem"), file("ec.pem"), null);

		assertThat(credentials.certificateChain()).hasSize(2);
		assertThat(credentials.leafCertificate().getSubjectX500Principal().getName())
				.isEqualTo("CN=leaf.example");
		assertThat(credentials.certificateChain().get(1).getSubjectX500Principal().getName())
				.isEqualTo("CN=Test CA");
	}

	@Test
	void combinedFileServesAsBoth() {
		Path combined = file("combined.pem");

		X509Credentials credentials = X509Credentials.fromPem(combined, combined, null);

		assertThat(credentials.certificateChain()).hasSize(1);
		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
	}

	@Test
	void mismatchedKeyRejected() {
		assertThatThrownBy(() -> X509Credentials.fromPem(file("ec-cert.pem"), file("other-ec.pem"), null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("does not match")
				.hasMessageContaining("CN=ec.example")
				.hasMessageContaining(file("other-ec.pem").toString());
	}

	@Test
	void mismatchedRsaKeyRejected() {
		assertThatThrownBy(() -> X509Credentials.fromPem(file("rsa-cert.pem"), file("other-rsa.pem"), null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("does not match")
				.hasMessageContaining("CN=rsa.example");
	}

	@Test
	void rsaKeyWithEcCertificateRejected() {
		assertThatThrownBy(() -> X509Credentials.fromPem(file("ec-cert.pem"), file("rsa.pem"), null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("is an RSA key")
				.hasMessageContaining("CN=ec.example");
	}

	@Test
	void ed25519KeyRejected() {
		assertThatThrownBy(() -> X509Credentials.fromPem(file("ed25519-cert.pem"), file("ed25519.pem"), null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("Ed25519")
				.hasMessageContaining("Use an EC or RSA key");
	}

	@Test
	void missingKeyFileRejected() {
		Path missing = dir.resolve("missing-key.pem");

		assertThatThrownBy(() -> X509Credentials.fromPem(file("ec-cert.pem"), missing, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(missing.toString())
				.hasMessageContaining("not found");
	}

	@Test
	void keyFileWithoutKeyRejected() {
		Path certificateFile = file("ec-cert.pem");

		assertThatThrownBy(() -> X509Credentials.fromPem(certificateFile, certificateFile, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("No private key found")
				.hasMessageContaining(certificateFile.toString());
	}

	@Test
	void certificateFileWithoutCertificateRejected() {
		Path keyFile = file("ec.pem");

		assertThatThrownBy(() -> X509Credentials.fromPem(keyFile, keyFile, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("No certificate found")
				.hasMessageContaining(keyFile.toString());
	}

	@Test
	void nonPemFileRejected() throws Exception {
		Path derFile = dir.resolve("cert.der");
		OpenSsl.run(dir, "x509", "-in", "ec-cert.pem", "-outform", "DER", "-out", "cert.der");

		assertThatThrownBy(() -> X509Credentials.fromPem(derFile, file("ec.pem"), null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(derFile.toString());
	}

	@Test
	void fileWithTwoKeysRejected() throws Exception {
		Path twoKeys = dir.resolve("two-keys.pem");
		Files.writeString(twoKeys, Files.readString(file("ec.pem")) + Files.readString(file("other-ec.pem")));

		assertThatThrownBy(() -> X509Credentials.fromPem(file("ec-cert.pem"), twoKeys, null))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("contains 2 private keys");
	}

	private static Path file(String name) {
		return dir.resolve(name);
	}
}
