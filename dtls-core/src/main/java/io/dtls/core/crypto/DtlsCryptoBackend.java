package io.dtls.core.crypto;

/**
 * Which implementation performs the cryptography of handshakes and records.
 * <p>
 * The choice trades handshake speed against record speed. On a JDK with AES intrinsics, the
 * JCA's AES-GCM is several times faster than Bouncy Castle's lightweight implementation, while
 * Bouncy Castle's elliptic-curve arithmetic is several times faster than the JDK's for the
 * ECDHE and ECDSA work of a handshake. {@link #HYBRID}, the default, takes the faster side of
 * each; docs/benchmarks.md records the measurements behind it.
 *
 * @since 0.1.0
 */
public enum DtlsCryptoBackend {

	/**
	 * Bouncy Castle's lightweight API for key exchange and signatures, and the JCA for hashes,
	 * HMACs, the PRF and AES records: AES-GCM, and AES-CCM built on the JCA's AES-CBC and
	 * AES-CTR. ChaCha20-Poly1305 records use Bouncy Castle.
	 */
	HYBRID,

	/** Bouncy Castle's {@code JcaTlsCrypto}: everything through the JCA providers of the JVM. */
	JCA,

	/** Bouncy Castle's {@code BcTlsCrypto}: everything through Bouncy Castle's lightweight API. */
	BC

}
