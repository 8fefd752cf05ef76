package io.dtls.core.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import io.dtls.core.record.HandshakeMessageGuard;
import org.jspecify.annotations.Nullable;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The {@link TlsCrypto} of one endpoint, built for a {@link DtlsCryptoBackend}, with the
 * conversions between JDK certificate and key types and Bouncy Castle's TLS types that signing
 * and verifying need.
 *
 * @since 0.1.0
 */
public final class EngineCrypto {

	private final DtlsCryptoBackend backend;

	private final TlsCrypto crypto;

	/** The last chain converted, so that handshakes with the same credentials share one copy. */
	private volatile @Nullable ConvertedChain lastConverted;

	private EngineCrypto(DtlsCryptoBackend backend, TlsCrypto crypto) {
		this.backend = backend;
		this.crypto = crypto;
	}

	/**
	 * Creates the crypto of an endpoint.
	 * @param guard the check applied to every decrypted handshake record
	 * @param rejectionCounter called for each record the guard rejects
	 */
	public static EngineCrypto create(DtlsCryptoBackend backend, HandshakeMessageGuard guard,
			Runnable rejectionCounter) {
		SecureRandom random = new SecureRandom();
		TlsCrypto crypto = switch (backend) {
			case HYBRID -> new HybridTlsCrypto(random, GuardedJcaTlsCrypto.plain(random), guard, rejectionCounter);
			case JCA -> new GuardedJcaTlsCrypto(random, guard, rejectionCounter);
			case BC -> new GuardedBcTlsCrypto(random, guard, rejectionCounter);
		};
		return new EngineCrypto(backend, crypto);
	}

	public DtlsCryptoBackend backend() {
		return this.backend;
	}

	public TlsCrypto tlsCrypto() {
		return this.crypto;
	}

	/**
	 * Converts a certificate chain, leaf first, to Bouncy Castle's TLS form. The result for the
	 * last chain passed is kept and returned again for the same chain instance: every
	 * established connection retains the certificate of its handshake, and a parsed copy per
	 * connection cost about 3 KB of heap each.
	 */
	public Certificate toTlsCertificate(List<X509Certificate> chain) {
		ConvertedChain last = this.lastConverted;
		if (last != null && last.chain == chain) {
			return last.certificate;
		}
		Certificate certificate = convert(chain);
		this.lastConverted = new ConvertedChain(chain, certificate);
		return certificate;
	}

	private Certificate convert(List<X509Certificate> chain) {
		TlsCertificate[] certificates = new TlsCertificate[chain.size()];
		try {
			for (int i = 0; i < certificates.length; i++) {
				certificates[i] = this.crypto.createCertificate(chain.get(i).getEncoded());
			}
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalArgumentException("Certificate cannot be encoded: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Certificate(certificates);
	}

	/**
	 * Converts a certificate chain received from a peer to JDK certificates, leaf first.
	 * @throws CertificateException if a certificate cannot be parsed
	 */
	public static List<X509Certificate> toX509Certificates(Certificate certificate) throws CertificateException {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		List<X509Certificate> chain = new ArrayList<>(certificate.getLength());
		for (int i = 0; i < certificate.getLength(); i++) {
			try {
				byte[] encoded = certificate.getCertificateAt(i).getEncoded();
				chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded)));
			}
			catch (IOException ex) {
				throw new CertificateException("Peer certificate " + i + " cannot be read: " + ex.getMessage(), ex);
			}
		}
		return chain;
	}

	/**
	 * Creates the signer that proves possession of {@code privateKey} in a handshake.
	 */
	public TlsCredentialedSigner createSigner(TlsCryptoParameters parameters, PrivateKey privateKey,
			Certificate certificate, SignatureAndHashAlgorithm algorithm) {
		if (this.crypto instanceof BcTlsCrypto bcCrypto) {
			AsymmetricKeyParameter key;
			try {
				key = PrivateKeyFactory.createKey(privateKey.getEncoded());
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("Private key cannot be converted for signing: " + ex.getMessage(), ex);
			}
			return new BcDefaultTlsCredentialedSigner(parameters, bcCrypto, key, certificate, algorithm);
		}
		return new JcaDefaultTlsCredentialedSigner(parameters, (JcaTlsCrypto) this.crypto, privateKey, certificate,
				algorithm);
	}

	private record ConvertedChain(List<X509Certificate> chain, Certificate certificate) {
	}

}
