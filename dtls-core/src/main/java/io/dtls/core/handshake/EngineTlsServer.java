package io.dtls.core.handshake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Vector;

import io.dtls.core.DtlsSession;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.credentials.ClientAuth;
import io.dtls.core.credentials.KeyType;
import io.dtls.core.credentials.PskStore;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.EngineCrypto;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one DTLS handshake: offers the configured cipher suites that the
 * credentials can serve, signs with the certificate, looks PSK identities up, and requests and
 * validates client certificates as configured. One instance serves one handshake and then the
 * connection it establishes.
 */
public final class EngineTlsServer extends AbstractTlsServer {

	private final ServerTlsSettings settings;

	private final InetSocketAddress peer;

	private final @Nullable X509Credentials credentials;

	private final HandshakeState state = new HandshakeState();

	public EngineTlsServer(ServerTlsSettings settings, InetSocketAddress peer) {
		super(settings.crypto().tlsCrypto());
		this.settings = settings;
		this.peer = peer;
		this.credentials = (settings.credentials() != null) ? settings.credentials().get() : null;
	}

	/**
	 * Classifies the failure of this handshake.
	 */
	public HandshakeFailure failure() {
		return this.state.failure();
	}

	/**
	 * Describes the failure of this handshake for an exception message.
	 */
	public String describeFailure() {
		return this.state.describe();
	}

	/**
	 * Returns the session negotiated by a completed handshake.
	 */
	public DtlsSession session() {
		return this.state.session(this.context);
	}

	/**
	 * Sets where alerts received after the handshake go.
	 */
	public void alertSink(AlertSink sink) {
		this.state.alertSink(sink);
	}

	/**
	 * Returns the code points of the configured suites that the credentials can serve.
	 */
	public int[] usableCipherSuites() {
		return getSupportedCipherSuites();
	}

	@Override
	protected ProtocolVersion[] getSupportedVersions() {
		return this.settings.legacyDtls10() ? ProtocolVersion.DTLSv12.downTo(ProtocolVersion.DTLSv10)
				: ProtocolVersion.DTLSv12.only();
	}

	@Override
	protected int[] getSupportedCipherSuites() {
		KeyType keyType = (this.credentials != null) ? this.credentials.keyType() : null;
		return CipherSuiteSelection.usable(this.settings.cipherSuites(), keyType, this.settings.pskStore() != null,
				getCrypto());
	}

	/**
	 * Picks the server's most preferred suite among those the client offers, so that the
	 * configured order decides, rather than each client's.
	 */
	@Override
	protected boolean preferLocalCipherSuites() {
		return true;
	}

	@Override
	public int getSelectedCipherSuite() throws IOException {
		try {
			return super.getSelectedCipherSuite();
		}
		catch (TlsFatalAlert ex) {
			this.state.fail(HandshakeFailure.NO_COMMON_PARAMETERS,
					"No cipher suite offered by " + this.peer + " is enabled on this server");
			throw ex;
		}
	}

	@Override
	public int getHandshakeTimeoutMillis() {
		return this.settings.handshakeTimeoutMillis();
	}

	@Override
	public TlsCredentials getCredentials() throws IOException {
		int keyExchange = this.context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
		return switch (keyExchange) {
			case KeyExchangeAlgorithm.PSK, KeyExchangeAlgorithm.ECDHE_PSK -> null;
			case KeyExchangeAlgorithm.ECDHE_ECDSA -> signer(SignatureAlgorithm.ecdsa);
			case KeyExchangeAlgorithm.ECDHE_RSA -> signer(SignatureAlgorithm.rsa);
			default -> throw new TlsFatalAlert(AlertDescription.internal_error);
		};
	}

	private TlsCredentials signer(short signatureAlgorithm) throws IOException {
		X509Credentials credentials = this.credentials;
		if (credentials == null) {
			throw new TlsFatalAlert(AlertDescription.internal_error);
		}
		Vector<?> clientAlgorithms = this.context.getSecurityParametersHandshake().getClientSigAlgs();
		SignatureAndHashAlgorithm algorithm = TlsUtils.chooseSignatureAndHashAlgorithm(this.context, clientAlgorithms,
				signatureAlgorithm);
		EngineCrypto crypto = this.settings.crypto();
		Certificate certificate = crypto.toTlsCertificate(credentials.certificateChain());
		return crypto.createSigner(new TlsCryptoParameters(this.context), credentials.privateKey(), certificate,
				algorithm);
	}

	@Override
	public TlsPSKIdentityManager getPSKIdentityManager() {
		PskStore store = this.settings.pskStore();
		String hint = this.settings.pskIdentityHint();
		return new TlsPSKIdentityManager() {

			@Override
			public byte[] getHint() {
				return (hint != null) ? hint.getBytes(StandardCharsets.UTF_8) : null;
			}

			@Override
			public byte[] getPSK(byte[] identity) {
				byte[] key = (store != null) ? store.getKey(new String(identity, StandardCharsets.UTF_8)) : null;
				if (key == null) {
					EngineTlsServer.this.state.fail(HandshakeFailure.PSK_REJECTED,
							"Unknown PSK identity from " + EngineTlsServer.this.peer);
				}
				return key;
			}

		};
	}

	@Override
	public CertificateRequest getCertificateRequest() throws IOException {
		ClientAuth clientAuth = this.settings.clientAuth();
		TrustMaterial trust = this.settings.trust();
		int keyExchange = this.context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
		boolean certificateSuite = keyExchange == KeyExchangeAlgorithm.ECDHE_ECDSA
				|| keyExchange == KeyExchangeAlgorithm.ECDHE_RSA;
		if (clientAuth == ClientAuth.NONE || trust == null || !certificateSuite) {
			return null;
		}
		short[] types = { ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign };
		Vector<X500Name> authorities = new Vector<>();
		trust.certificateAuthorities()
			.forEach((principal) -> authorities.add(X500Name.getInstance(principal.getEncoded())));
		return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(this.context),
				authorities);
	}

	@Override
	public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
		if (clientCertificate == null || clientCertificate.isEmpty()) {
			if (this.settings.clientAuth() == ClientAuth.NEED) {
				this.state.fail(HandshakeFailure.CLIENT_CERTIFICATE_REQUIRED,
						"Client " + this.peer + " sent no certificate, but this server requires one");
				throw new TlsFatalAlert(AlertDescription.handshake_failure);
			}
			return;
		}
		TrustMaterial trust = this.settings.trust();
		if (trust == null) {
			throw new TlsFatalAlert(AlertDescription.internal_error);
		}
		try {
			List<X509Certificate> chain = EngineCrypto.toX509Certificates(clientCertificate);
			trust.validate(chain, TrustMaterial.Purpose.CLIENT);
			this.state.peerCertificates(chain);
		}
		catch (CertificateException ex) {
			this.state.fail(HandshakeFailure.UNTRUSTED_CERTIFICATE,
					"Certificate of client " + this.peer + " was rejected: " + ex.getMessage());
			throw new TlsFatalAlert(AlertDescription.bad_certificate, ex);
		}
	}

	/**
	 * Releases what only the handshake needed, because this object lives as long as the
	 * connection: the extensions of both hellos and the suites the client offered.
	 */
	@Override
	public void notifyHandshakeComplete() throws IOException {
		super.notifyHandshakeComplete();
		this.clientExtensions = null;
		this.offeredCipherSuites = null;
		this.serverExtensions.clear();
	}

	@Override
	public void notifyAlertReceived(short alertLevel, short alertDescription) {
		this.state.alertReceived(alertLevel, alertDescription);
	}

	@Override
	public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
		this.state.alertRaised(alertLevel, alertDescription);
	}

}
