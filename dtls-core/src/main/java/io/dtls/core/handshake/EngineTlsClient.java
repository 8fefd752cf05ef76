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
import io.dtls.core.cipher.DtlsCipherSuite;
import io.dtls.core.credentials.HostnameVerifier;
import io.dtls.core.credentials.KeyType;
import io.dtls.core.credentials.PskIdentity;
import io.dtls.core.credentials.TrustMaterial;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.EngineCrypto;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentity;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.jspecify.annotations.Nullable;

/**
 * The client side of one DTLS handshake: offers the configured suites that the credentials can
 * use, validates the server's chain against the trust material and checks that it names the
 * host, sends a client certificate when asked and one is configured, and sends the PSK
 * identity for PSK suites.
 */
public final class EngineTlsClient extends AbstractTlsClient {

	private final ClientTlsSettings settings;

	private final String host;

	private final InetSocketAddress peer;

	private final HandshakeState state = new HandshakeState();

	/**
	 * @param host the host name or address literal the application connected to, checked
	 * against the server certificate and sent as server name indication when it is a name
	 */
	public EngineTlsClient(ClientTlsSettings settings, String host, InetSocketAddress peer) {
		super(settings.crypto().tlsCrypto());
		this.settings = settings;
		this.host = host;
		this.peer = peer;
	}

	public HandshakeFailure failure() {
		return this.state.failure();
	}

	public String describeFailure() {
		return this.state.describe();
	}

	public DtlsSession session() {
		return this.state.session(this.context);
	}

	public void alertSink(AlertSink sink) {
		this.state.alertSink(sink);
	}

	@Override
	protected ProtocolVersion[] getSupportedVersions() {
		return this.settings.legacyDtls10() ? ProtocolVersion.DTLSv12.downTo(ProtocolVersion.DTLSv10)
				: ProtocolVersion.DTLSv12.only();
	}

	@Override
	protected int[] getSupportedCipherSuites() {
		boolean certificates = this.settings.trust() != null;
		boolean psk = this.settings.pskIdentity() != null;
		int[] codes = this.settings.cipherSuites()
			.stream()
			.filter((suite) -> (suite.keyExchange().usesCertificate()) ? certificates : psk)
			.mapToInt(DtlsCipherSuite::code)
			.toArray();
		return TlsUtils.getSupportedCipherSuites(getCrypto(), codes);
	}

	@Override
	public int getHandshakeTimeoutMillis() {
		return this.settings.handshakeTimeoutMillis();
	}

	@Override
	protected Vector<ServerName> getSNIServerNames() {
		if (isAddressLiteral(this.host)) {
			return null;
		}
		Vector<ServerName> names = new Vector<>();
		names.add(new ServerName(org.bouncycastle.tls.NameType.host_name,
				this.host.getBytes(StandardCharsets.US_ASCII)));
		return names;
	}

	@Override
	public TlsPSKIdentity getPSKIdentity() {
		PskIdentity identity = this.settings.pskIdentity();
		return (identity != null) ? new BasicTlsPSKIdentity(identity.identityBytes(), identity.key()) : null;
	}

	@Override
	public TlsAuthentication getAuthentication() {
		return new TlsAuthentication() {

			@Override
			public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
				verifyServer(serverCertificate.getCertificate());
			}

			@Override
			public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
				return clientCredentials();
			}

		};
	}

	private void verifyServer(Certificate certificate) throws IOException {
		TrustMaterial trust = this.settings.trust();
		if (trust == null) {
			throw new TlsFatalAlert(AlertDescription.internal_error);
		}
		List<X509Certificate> chain;
		try {
			chain = EngineCrypto.toX509Certificates(certificate);
			if (chain.isEmpty()) {
				throw new CertificateException("Server sent an empty certificate chain");
			}
			trust.validate(chain, TrustMaterial.Purpose.SERVER);
		}
		catch (CertificateException ex) {
			this.state.fail(HandshakeFailure.UNTRUSTED_CERTIFICATE,
					"Certificate of server " + this.peer + " was rejected: " + ex.getMessage());
			throw new TlsFatalAlert(AlertDescription.bad_certificate, ex);
		}
		if (this.settings.verifyHostname()) {
			try {
				HostnameVerifier.verify(chain.get(0), this.host);
			}
			catch (CertificateException ex) {
				this.state.fail(HandshakeFailure.HOSTNAME_MISMATCH,
						"Certificate of server " + this.peer + " does not match host '" + this.host + "': "
								+ ex.getMessage());
				throw new TlsFatalAlert(AlertDescription.bad_certificate, ex);
			}
		}
		this.state.peerCertificates(chain);
	}

	private @Nullable TlsCredentials clientCredentials() throws IOException {
		X509Credentials credentials = this.settings.credentials();
		if (credentials == null) {
			return null;
		}
		short signatureAlgorithm = (credentials.keyType() == KeyType.EC) ? SignatureAlgorithm.ecdsa
				: SignatureAlgorithm.rsa;
		Vector<?> serverAlgorithms = this.context.getSecurityParametersHandshake().getServerSigAlgs();
		SignatureAndHashAlgorithm algorithm = TlsUtils.chooseSignatureAndHashAlgorithm(this.context,
				serverAlgorithms, signatureAlgorithm);
		EngineCrypto crypto = this.settings.crypto();
		return crypto.createSigner(new TlsCryptoParameters(this.context), credentials.privateKey(),
				crypto.toTlsCertificate(credentials.certificateChain()), algorithm);
	}

	@Override
	public void notifyAlertReceived(short alertLevel, short alertDescription) {
		this.state.alertReceived(alertLevel, alertDescription);
	}

	@Override
	public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
		this.state.alertRaised(alertLevel, alertDescription);
	}

	/**
	 * Returns whether the host is an IPv4 or IPv6 literal rather than a name, without a DNS
	 * look-up.
	 */
	static boolean isAddressLiteral(String host) {
		if (host.indexOf(':') >= 0) {
			return true;
		}
		return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
	}

}
