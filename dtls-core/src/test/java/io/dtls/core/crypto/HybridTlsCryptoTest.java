package io.dtls.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import io.dtls.core.record.HandshakeMessageGuard;
import org.bouncycastle.tls.MACAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default back-end's split: Bouncy Castle's EC arithmetic, the JCA's hashes and PRF.
 */
class HybridTlsCryptoTest {

	private final TlsCrypto crypto = EngineCrypto
		.create(DtlsCryptoBackend.HYBRID,
				new HandshakeMessageGuard(HandshakeMessageGuard.DEFAULT_MAX_HANDSHAKE_MESSAGE_LENGTH), () -> {
				})
		.tlsCrypto();

	@Test
	void pskSecretDerivesOnJca() {
		TlsSecret secret = this.crypto.createSecret("pre-master secret".getBytes(StandardCharsets.US_ASCII));

		assertThat(secret).isInstanceOf(JceTlsSecret.class);
	}

	@Test
	void ecdhSecretMovesToJca() throws Exception {
		TlsECDomain domain = this.crypto.createECDomain(new TlsECConfig(NamedGroup.secp256r1));
		TlsAgreement server = domain.createECDH();
		TlsAgreement client = domain.createECDH();
		byte[] serverShare = server.generateEphemeral();
		byte[] clientShare = client.generateEphemeral();
		server.receivePeerValue(clientShare);
		client.receivePeerValue(serverShare);

		TlsSecret serverSecret = server.calculateSecret();
		TlsSecret clientSecret = client.calculateSecret();

		assertThat(serverSecret).isInstanceOf(JceTlsSecret.class);
		assertThat(serverSecret.extract()).hasSize(32).isEqualTo(clientSecret.extract());
	}

	@Test
	void hashesAndHmacsRunOnJca() {
		JcaTlsCrypto jca = GuardedJcaTlsCrypto.plain(new SecureRandom());

		assertThat(this.crypto.createHash(CryptoHashAlgorithm.sha256).getClass())
			.isEqualTo(jca.createHash(CryptoHashAlgorithm.sha256).getClass());
		assertThat(this.crypto.createHMAC(MACAlgorithm.hmac_sha256).getClass())
			.isEqualTo(jca.createHMAC(MACAlgorithm.hmac_sha256).getClass());
	}

}
