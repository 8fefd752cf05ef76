package io.dtls.core.handshake;

import java.util.List;

import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.EngineCrypto;
import org.jspecify.annotations.Nullable;

/**
 * The security settings of a client's handshakes.
 *
 * @param credentials the client certificate and key sent when the server requests one, or
 * {@code null}
 * @param trust the trust material for server certificates; {@code null} only for PSK suites
 * @param pskIdentity the identity and key for PSK suites, or {@code null}
 * @param verifyHostname whether the server certificate must name the host connected to
 * @param handshakeTimeoutMillis the maximum duration of one handshake
 * @param legacyDtls10 whether DTLS 1.0 is offered besides DTLS 1.2
 */
public record ClientTlsSettings(EngineCrypto crypto, @Nullable X509Credentials credentials,
		@Nullable TrustMaterial trust, @Nullable PskIdentity pskIdentity, boolean verifyHostname,
		List<DtlsCipherSuite> cipherSuites, int handshakeTimeoutMillis, boolean legacyDtls10) {
}
