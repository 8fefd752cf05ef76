package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustMaterialTest {

	private static final char[] PASSWORD = "trust-password".toCharArray();

	private static TestCertificates.Issued root;
	private static TestCertificates.Issued intermediate;
	private static TestCertificates.Issued serverLeaf;

	@TempDir
	Path dir;

	@BeforeAll
	static void createHierarchy() throws Exception {
		root = TestCertificates.root("Test Root");
		intermediate = TestCertificates.intermediate(root, "Test Intermediate");
		serverLeaf = TestCertificates.leaf(intermediate, "server.example", KeyPurposeId.id_kp_serverAuth);
	}

	@Test
	void chainWithRootValidates() {
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));
		List<X509Certificate> chain = List.of(serverLeaf.certificate(), intermediate.certificate(),
				root.certificate());

		assertThatCode(() -> trust.validate(chain, TrustMaterial.Purpose.SERVER)).doesNotThrowAnyException();
	}

	@Test
	void chainWithoutRootValidates() {
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));
		List<X509Certificate> chain = List.of(serverLeaf.certificate(), intermediate.certificate());

		assertThatCode(() -> trust.validate(chain, TrustMaterial.Purpose.SERVER)).doesNotThrowAnyException();
	}

	@Test
	void trustedIntermediateEndsPath() {
		TrustMaterial trust = TrustMaterial.of(List.of(intermediate.certificate()));
		List<X509Certificate> chain = List.of(serverLeaf.certificate(), intermediate.certificate(),
				root.certificate());

		assertThatCode(() -> trust.validate(chain, TrustMaterial.Purpose.SERVER)).doesNotThrowAnyException();
	}

	@Test
	void trustedSelfSignedLeafValidates() {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		TrustMaterial trust = TrustMaterial.of(List.of(credentials.leafCertificate()));

		assertThatCode(() -> trust.validate(credentials.certificateChain(), TrustMaterial.Purpose.CLIENT))
				.doesNotThrowAnyException();
	}

	@Test
	void untrustedChainRejected() throws Exception {
		TestCertificates.Issued otherRoot = TestCertificates.root("Other Root");
		TrustMaterial trust = TrustMaterial.of(List.of(otherRoot.certificate()));
		List<X509Certificate> chain = List.of(serverLeaf.certificate(), intermediate.certificate());

		assertThatThrownBy(() -> trust.validate(chain, TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("Certificate chain of 'CN=server.example' does not lead to a trusted"
						+ " certificate")
				.hasMessageContaining("'CN=Test Root'");
	}

	@Test
	void untrustedSelfSignedLeafRejected() {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatThrownBy(() -> trust.validate(credentials.certificateChain(), TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("does not lead to a trusted certificate");
	}

	@Test
	void expiredLeafRejected() throws Exception {
		Instant now = Instant.now();
		TestCertificates.Issued expired = TestCertificates.leaf(intermediate, "expired.example",
				now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1)));
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatThrownBy(() -> trust.validate(List.of(expired.certificate(), intermediate.certificate()),
				TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'CN=expired.example' expired at");
	}

	@Test
	void notYetValidLeafRejected() throws Exception {
		Instant now = Instant.now();
		TestCertificates.Issued future = TestCertificates.leaf(intermediate, "future.example",
				now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)));
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatThrownBy(() -> trust.validate(List.of(future.certificate(), intermediate.certificate()),
				TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'CN=future.example' is not valid before");
	}

	@Test
	void expiredTrustedLeafRejected() throws Exception {
		Instant now = Instant.now();
		TestCertificates.Issued expired = TestCertificates.leaf(intermediate, "pinned.example",
				now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1)));
		TrustMaterial trust = TrustMaterial.of(List.of(expired.certificate()));

		assertThatThrownBy(() -> trust.validate(List.of(expired.certificate()), TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'CN=pinned.example' expired at");
	}

	@Test
	void clientAuthLeafRejectedForServer() throws Exception {
		TestCertificates.Issued clientLeaf = TestCertificates.leaf(intermediate, "client.example",
				KeyPurposeId.id_kp_clientAuth);
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatThrownBy(() -> trust.validate(List.of(clientLeaf.certificate(), intermediate.certificate()),
				TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("'CN=client.example' is not allowed for serverAuth")
				.hasMessageContaining("[clientAuth]");
	}

	@Test
	void clientAuthLeafAcceptedForClient() throws Exception {
		TestCertificates.Issued clientLeaf = TestCertificates.leaf(intermediate, "client.example",
				KeyPurposeId.id_kp_clientAuth);
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatCode(() -> trust.validate(List.of(clientLeaf.certificate(), intermediate.certificate()),
				TrustMaterial.Purpose.CLIENT)).doesNotThrowAnyException();
	}

	@Test
	void leafWithoutUsageAcceptedForBoth() throws Exception {
		TestCertificates.Issued plainLeaf = TestCertificates.leaf(intermediate, "plain.example");
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));
		List<X509Certificate> chain = List.of(plainLeaf.certificate(), intermediate.certificate());

		assertThatCode(() -> trust.validate(chain, TrustMaterial.Purpose.SERVER)).doesNotThrowAnyException();
		assertThatCode(() -> trust.validate(chain, TrustMaterial.Purpose.CLIENT)).doesNotThrowAnyException();
	}

	@Test
	void anyUsageAcceptedForServer() throws Exception {
		TestCertificates.Issued anyLeaf = TestCertificates.leaf(intermediate, "any.example",
				KeyPurposeId.anyExtendedKeyUsage);
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatCode(() -> trust.validate(List.of(anyLeaf.certificate(), intermediate.certificate()),
				TrustMaterial.Purpose.SERVER)).doesNotThrowAnyException();
	}

	@Test
	void forgedSignatureRejected() throws Exception {
		// Issued by a different key under the same name as the real intermediate.
		TestCertificates.Issued impostor = TestCertificates.intermediate(root, "Test Intermediate");
		TestCertificates.Issued forged = TestCertificates.leaf(impostor, "forged.example");
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatThrownBy(() -> trust.validate(List.of(forged.certificate(), intermediate.certificate()),
				TrustMaterial.Purpose.SERVER))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("Signature of certificate 'CN=forged.example' does not verify");
	}

	@Test
	void emptyChainRejected() {
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThatThrownBy(() -> trust.validate(List.of(), TrustMaterial.Purpose.CLIENT))
				.isInstanceOf(CertificateException.class)
				.hasMessageContaining("empty");
	}

	@Test
	void ofRejectsEmptyCollection() {
		assertThatThrownBy(() -> TrustMaterial.of(List.of()))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("empty");
	}

	@Test
	void ofRemovesDuplicates() {
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate(), intermediate.certificate(),
				root.certificate()));

		assertThat(trust.trustedCertificates()).containsExactly(root.certificate(), intermediate.certificate());
	}

	@Test
	void certificateAuthoritiesListsSubjects() {
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate(), intermediate.certificate()));

		assertThat(trust.certificateAuthorities()).containsExactly(
				new X500Principal("CN=Test Root"), new X500Principal("CN=Test Intermediate"));
	}

	@Test
	void fromPemLoadsBundle() throws Exception {
		Path bundle = TestCertificates.writePem(dir.resolve("bundle.pem"), root.certificate(),
				intermediate.certificate());

		TrustMaterial trust = TrustMaterial.fromPem(bundle);

		assertThat(trust.trustedCertificates()).containsExactly(root.certificate(), intermediate.certificate());
	}

	@Test
	void fromPemRejectsFileWithoutCertificates() throws Exception {
		Path keyOnly = dir.resolve("key.pem");
		OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");

		assertThatThrownBy(() -> TrustMaterial.fromPem(keyOnly))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("No certificate found in trusted certificate file")
				.hasMessageContaining(keyOnly.toString());
	}

	@Test
	void fromKeyStoreFileTakesBothEntryKinds() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setCertificateEntry("root", root.certificate());
		keyStore.setKeyEntry("server", serverLeaf.keyPair().getPrivate(), PASSWORD,
				new Certificate[] {serverLeaf.certificate(), intermediate.certificate()});
		Path file = dir.resolve("trust.p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			keyStore.store(out, PASSWORD);
		}

		TrustMaterial trust = TrustMaterial.fromKeyStoreFile(file, "PKCS12", PASSWORD);

		assertThat(trust.trustedCertificates())
				.containsExactlyInAnyOrder(root.certificate(), serverLeaf.certificate());
	}

	@Test
	void fromKeyStoreFileWrongPasswordRejected() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("JKS");
		keyStore.load(null, null);
		keyStore.setCertificateEntry("root", root.certificate());
		Path file = dir.resolve("trust.jks");
		try (OutputStream out = Files.newOutputStream(file)) {
			keyStore.store(out, PASSWORD);
		}

		assertThatThrownBy(() -> TrustMaterial.fromKeyStoreFile(file, "jks", "wrong".toCharArray()))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining(file.toString())
				.hasMessageContaining("store password is wrong");
	}

	@Test
	void toStringListsSubjects() {
		TrustMaterial trust = TrustMaterial.of(List.of(root.certificate()));

		assertThat(trust.toString()).isEqualTo("TrustMaterial[1 certificate: CN=Test Root]");
	}
}
