package io.dtls.core.interop;

import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.event.DropReason;
import io.dtls.core.support.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server certificate chain too long for one datagram, so that the Certificate handshake
 * message must be fragmented.
 */
final class LargeChain {

	/** The common name of the leaf certificate. */
	static final String LEAF_NAME = "large-server";

	private LargeChain() {
	}

	/**
	 * Issues an RSA server certificate for localhost and the loopback addresses with 80 extra
	 * DNS names, so that the leaf alone is longer than two datagrams of 1232 bytes, the default
	 * maxDatagramSize of the engine and the maximum packet size of the JDK peer. The leaf is
	 * checked alone because some peers leave the self-signed root out of the chain they send.
	 */
	static X509Credentials issue(TestPki pki) {
		List<String> dnsNames = new ArrayList<>(List.of("localhost"));
		for (int i = 1; i <= 80; i++) {
			dnsNames.add("device-" + i + ".sensors.interop.example");
		}
		X509Credentials credentials = pki.issue(LEAF_NAME, true, dnsNames, List.of("127.0.0.1", "::1"),
				Duration.ofDays(1));
		assertThat(leafLength(credentials)).as("DER length of the leaf certificate").isGreaterThan(2 * 1232);
		return credentials;
	}

	/**
	 * Checks that an engine client received the large chain over {@code connection}, as
	 * {@code certificates} certificates, without dropping an oversized datagram on the way.
	 */
	static void assertReceived(DtlsClient client, DtlsConnection connection, int certificates) {
		assertThat(connection.session().peerCertificates()).hasSize(certificates);
		assertThat(connection.session().peerPrincipal().getName()).isEqualTo("CN=" + LEAF_NAME);
		assertThat(client.statistics().dropped(DropReason.DATAGRAM_TOO_LARGE)).as("%s", client.statistics()).isZero();
	}

	private static int leafLength(X509Credentials credentials) {
		try {
			return credentials.leafCertificate().getEncoded().length;
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot encode the leaf certificate", ex);
		}
	}

}
