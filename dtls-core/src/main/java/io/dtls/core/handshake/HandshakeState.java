package io.dtls.core.handshake;

import java.security.cert.X509Certificate;
import java.util.List;

import io.dtls.core.DtlsSession;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.cipher.DtlsCipherSuite;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/**
 * What a TLS peer learns during one handshake: the first failure it diagnosed, the last alert,
 * the validated peer chain, and afterwards the alert sink of the established connection.
 */
final class HandshakeState {

	private volatile @Nullable HandshakeFailure failure;

	private volatile @Nullable String failureDetail;

	private volatile short alertReceived = -1;

	private volatile short alertSent = -1;

	private volatile List<X509Certificate> peerCertificates = List.of();

	private volatile @Nullable AlertSink alertSink;

	void fail(HandshakeFailure failure, String detail) {
		if (this.failure == null) {
			this.failure = failure;
			this.failureDetail = detail;
		}
	}

	void peerCertificates(List<X509Certificate> chain) {
		this.peerCertificates = List.copyOf(chain);
	}

	void alertSink(AlertSink sink) {
		this.alertSink = sink;
	}

	void alertReceived(short level, short description) {
		if (level == AlertLevel.fatal) {
			this.alertReceived = description;
		}
		AlertSink sink = this.alertSink;
		if (sink != null) {
			sink.alertReceived(level, description);
		}
	}

	void alertRaised(short level, short description) {
		if (level == AlertLevel.fatal) {
			this.alertSent = description;
		}
	}

	/**
	 * Classifies why the handshake failed, preferring what the peer diagnosed itself over the
	 * alert that was exchanged.
	 */
	HandshakeFailure failure() {
		HandshakeFailure diagnosed = this.failure;
		if (diagnosed != null) {
			return diagnosed;
		}
		if (this.alertReceived >= 0) {
			return classifyAlert(this.alertReceived, HandshakeFailure.ALERT_RECEIVED);
		}
		if (this.alertSent >= 0) {
			return classifyAlert(this.alertSent, HandshakeFailure.ALERT_SENT);
		}
		return HandshakeFailure.INTERNAL_ERROR;
	}

	/**
	 * Describes the failure for an exception message: the diagnosis and the alerts exchanged.
	 */
	String describe() {
		StringBuilder text = new StringBuilder();
		if (this.failureDetail != null) {
			text.append(this.failureDetail);
		}
		if (this.alertReceived >= 0) {
			text.append((text.length() > 0) ? "; " : "").append("peer sent fatal alert ")
				.append(AlertDescription.getText(this.alertReceived));
		}
		if (this.alertSent >= 0) {
			text.append((text.length() > 0) ? "; " : "").append("sent fatal alert ")
				.append(AlertDescription.getText(this.alertSent));
		}
		return text.toString();
	}

	private static HandshakeFailure classifyAlert(short description, HandshakeFailure fallback) {
		return switch (description) {
			case AlertDescription.unknown_psk_identity, AlertDescription.decrypt_error -> HandshakeFailure.PSK_REJECTED;
			case AlertDescription.bad_certificate, AlertDescription.unknown_ca, AlertDescription.certificate_expired,
					AlertDescription.unsupported_certificate, AlertDescription.certificate_unknown ->
				HandshakeFailure.UNTRUSTED_CERTIFICATE;
			case AlertDescription.insufficient_security, AlertDescription.protocol_version ->
				HandshakeFailure.NO_COMMON_PARAMETERS;
			default -> fallback;
		};
	}

	/**
	 * Reads the negotiated session from the context once the handshake has completed.
	 */
	DtlsSession session(TlsContext context) {
		SecurityParameters parameters = context.getSecurityParametersConnection();
		ProtocolVersion version = parameters.getNegotiatedVersion();
		byte[] sessionId = parameters.getSessionID();
		byte[] pskIdentity = parameters.getPSKIdentity();
		return new DtlsSession(version.equals(ProtocolVersion.DTLSv10) ? "DTLSv1.0" : "DTLSv1.2",
				DtlsCipherSuite.nameOf(parameters.getCipherSuite()),
				(sessionId != null) ? Hex.toHexString(sessionId) : "", this.peerCertificates,
				(pskIdentity != null) ? new String(pskIdentity, java.nio.charset.StandardCharsets.UTF_8) : null);
	}

}
