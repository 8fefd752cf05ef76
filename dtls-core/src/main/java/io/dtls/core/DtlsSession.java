package io.dtls.core;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The negotiated parameters of an established connection and what is known of the peer.
 *
 * @param protocol the protocol version, {@code DTLSv1.2} (or {@code DTLSv1.0} when legacy
 * versions are enabled)
 * @param cipherSuite the IANA name of the negotiated cipher suite, such as
 * {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
 * @param sessionId the session id as lower-case hex, empty when the server sent none
 * @param peerCertificates the peer's certificate chain, leaf first; empty for PSK or when the
 * peer sent no certificate
 * @param pskIdentity the PSK identity used, or {@code null} for certificate suites
 * @since 0.1.0
 */
public record DtlsSession(String protocol, String cipherSuite, String sessionId, List<X509Certificate> peerCertificates,
		@Nullable String pskIdentity) {

	public DtlsSession {
		peerCertificates = List.copyOf(peerCertificates);
	}

	/**
	 * Returns the peer's identity: the subject of its leaf certificate, a principal named after
	 * its PSK identity, or {@code null} for an anonymous peer.
	 */
	public @Nullable Principal peerPrincipal() {
		if (!this.peerCertificates.isEmpty()) {
			return this.peerCertificates.get(0).getSubjectX500Principal();
		}
		if (this.pskIdentity != null) {
			return new PskPrincipal(this.pskIdentity);
		}
		return null;
	}

	/**
	 * The principal of a peer authenticated by a pre-shared key.
	 *
	 * @param getName the PSK identity
	 */
	public record PskPrincipal(String getName) implements Principal {
	}

}
