package io.dtls.benchmarks.load;

import java.util.Vector;

import io.dtls.benchmarks.server.BenchmarkKeys;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Bouncy Castle {@link TlsClient}s of the load generator, one per {@link DtlsSuite}, each
 * offering DTLS 1.2 and that suite only.
 * <p>
 * The certificate client accepts any server certificate. Bouncy Castle still verifies the
 * signature over the server's ECDHE parameters, but the chain is not validated: the load
 * generator measures servers, and skipping the check frees CPU for them on a shared machine.
 */
final class LoadTlsClients {

	/** Bounds a handshake with a server that stopped answering; Bouncy Castle waits forever. */
	private static final int HANDSHAKE_TIMEOUT_MILLIS = 15_000;

	private LoadTlsClients() {
	}

	static TlsClient create(DtlsSuite suite, TlsCrypto crypto) {
		return switch (suite) {
			case ECDHE_ECDSA_AES_128_GCM -> new CertificateClient(crypto);
			case PSK_AES_128_CCM_8 -> new PskClient(crypto);
		};
	}

	private static final class CertificateClient extends DefaultTlsClient {

		CertificateClient(TlsCrypto crypto) {
			super(crypto);
		}

		@Override
		protected int[] getSupportedCipherSuites() {
			return new int[] { CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 };
		}

		@Override
		protected ProtocolVersion[] getSupportedVersions() {
			return ProtocolVersion.DTLSv12.only();
		}

		/** P-256 only, so that servers that prefer X25519 still do the same work. */
		@Override
		@SuppressWarnings({ "rawtypes", "unchecked" })
		protected Vector getSupportedGroups(Vector namedGroupRoles) {
			Vector groups = new Vector();
			groups.add(NamedGroup.secp256r1);
			return groups;
		}

		@Override
		public TlsAuthentication getAuthentication() {
			return new ServerOnlyTlsAuthentication() {

				@Override
				public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
					// Accepted unchecked: see the class comment.
				}

			};
		}

		@Override
		public int getHandshakeTimeoutMillis() {
			return HANDSHAKE_TIMEOUT_MILLIS;
		}

	}

	private static final class PskClient extends PSKTlsClient {

		PskClient(TlsCrypto crypto) {
			super(crypto, new BasicTlsPSKIdentity(BenchmarkKeys.PSK_IDENTITY, BenchmarkKeys.psk()));
		}

		@Override
		protected int[] getSupportedCipherSuites() {
			return new int[] { CipherSuite.TLS_PSK_WITH_AES_128_CCM_8 };
		}

		@Override
		protected ProtocolVersion[] getSupportedVersions() {
			return ProtocolVersion.DTLSv12.only();
		}

		@Override
		public int getHandshakeTimeoutMillis() {
			return HANDSHAKE_TIMEOUT_MILLIS;
		}

	}

}
