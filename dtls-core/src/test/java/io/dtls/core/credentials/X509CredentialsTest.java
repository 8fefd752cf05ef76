package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class X509CredentialsTest {

	@Test
	void ofAcceptsMatchingKey() throws Exception {
		TestCertificates.Issued root = TestCertificates.root("Root");
		TestCertificates.Issued leaf = TestCertificates.leaf(root, "leaf.example");

		X509Credentials credentials = X509Credentials.of(leaf.keyPair().getPrivate(),
				List.of(leaf.certificate(), root.certificate()));

		assertThat(credentials.leafCertificate()).isEqualTo(leaf.certificate());
		assertThat(credentials.certificateChain()).containsExactly(leaf.certificate(), root.certificate());
		assertThat(credentials.privateKey()).isEqualTo(leaf.keyPair().getPrivate());
		assertThat(credentials.keyType()).isEqualTo(KeyType.EC);
	}

	@Test
	void ofRejectsEmptyChain() throws Exception {
		KeyPair keyPair = TestCertificates.ecKeyPair();

		assertThatThrownBy(() -> X509Credentials.of(keyPair.getPrivate(), List.of()))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("chain")
				.hasMessageContaining("empty");
	}

	@Test
	void ofRejectsKeyOfOtherCertificate() throws Exception {
		TestCertificates.Issued root = TestCertificates.root("Root");
		TestCertificates.Issued leaf = TestCertificates.leaf(root, "leaf.example");

		assertThatThrownBy(() -> X509Credentials.of(root.keyPair().getPrivate(), List.of(leaf.certificate())))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("does not match")
				.hasMessageContaining("CN=leaf.example");
	}

	@Test
	void ofRejectsDsaKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
		generator.initialize(2048);
		KeyPair dsaKeyPair = generator.generateKeyPair();
		X509Certificate certificate = TestCertificates.root("Root").certificate();

		assertThatThrownBy(() -> X509Credentials.of(dsaKeyPair.getPrivate(), List.of(certificate)))
				.isInstanceOf(CredentialsException.class)
				.hasMessageContaining("DSA")
				.hasMessageContaining("Use an EC or RSA key");
	}

	@Test
	void ofAcceptsExpiredLeaf() throws Exception {
		TestCertificates.Issued root = TestCertificates.root("Root");
		Instant now = Instant.now();
		TestCertificates.Issued expired = TestCertificates.leaf(root, "expired.example",
				now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));

		X509Credentials credentials = X509Credentials.of(expired.keyPair().getPrivate(),
				List.of(expired.certificate()));

		assertThat(credentials.leafCertificate()).isEqualTo(expired.certificate());
	}

	@Test
	void chainIsUnmodifiable() {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();

		assertThatThrownBy(() -> credentials.certificateChain().clear())
				.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void chainIsCopied() throws Exception {
		TestCertificates.Issued root = TestCertificates.root("Root");
		List<X509Certificate> chain = new ArrayList<>(List.of(root.certificate()));
		X509Credentials credentials = X509Credentials.of(root.keyPair().getPrivate(), chain);

		chain.clear();

		assertThat(credentials.certificateChain()).containsExactly(root.certificate());
	}

	@Test
	void toStringShowsSubjectAndKeyTypeOnly() {
		X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();
		String privateKeyHex = HexFormat.of().formatHex(credentials.privateKey().getEncoded());

		String text = credentials.toString();

		assertThat(text).isEqualTo("X509Credentials[subject=CN=localhost, keyType=EC]");
		assertThat(text).doesNotContain(privateKeyHex);
	}
}
