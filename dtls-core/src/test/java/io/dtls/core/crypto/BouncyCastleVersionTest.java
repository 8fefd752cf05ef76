package io.dtls.core.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BouncyCastleVersionTest {

	@Test
	void versionsReadFromJarManifests() {
		// The tests run against the jars of the project's pom, which pins Bouncy Castle 1.84.
		assertThat(BouncyCastleVersion.tls()).isEqualTo("1.84");
		assertThat(BouncyCastleVersion.provider()).isEqualTo("1.84");
	}

	@Test
	void providerVersionMatchesProviderApi() {
		assertThat(BouncyCastleVersion.provider()).isEqualTo(new BouncyCastleProvider().getVersionStr());
	}

	@Test
	void describeNamesBothJars() {
		assertThat(BouncyCastleVersion.describe()).isEqualTo("bctls 1.84, bcprov 1.84");
	}

}
