package io.dtls.core.handshake;

import java.util.List;
import java.util.function.Supplier;

import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.PskStore;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.EngineCrypto;
import org.jspecify.annotations.Nullable;

/**
 * The security settings of a server's handshakes.
 *
 * @param credentials supplies the server's certificate and key for each new handshake, so that
 * reloaded credentials apply to new handshakes only; {@code null} for PSK-only servers
 * @param trust the trust material for client certificates; required unless client
 * authentication is {@link ClientAuth#NONE}
 * @param pskIdentityHint the identity hint sent to PSK clients (RFC 4279 2), or {@code null}
 * @param handshakeTimeoutMillis the maximum duration of one handshake
 * @param legacyDtls10 whether DTLS 1.0 is accepted besides DTLS 1.2
 */
public record ServerTlsSettings(EngineCrypto crypto, @Nullable Supplier<X509Credentials> credentials,
		@Nullable TrustMaterial trust, ClientAuth clientAuth, @Nullable PskStore pskStore,
		@Nullable String pskIdentityHint, List<DtlsCipherSuite> cipherSuites, int handshakeTimeoutMillis,
		boolean legacyDtls10) {
}
