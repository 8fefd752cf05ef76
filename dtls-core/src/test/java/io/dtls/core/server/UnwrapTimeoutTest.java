package io.dtls.core.server;

import java.time.Duration;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsTimeoutException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.support.Endpoints;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.UdpRelay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code unwrap} towards a peer that never answers close_notify.
 */
class UnwrapTimeoutTest {

	private static final TestPki pki = TestPki.create("unwrap-timeout-test-root");

	@Test
	void silentPeerTimesOutAndClosesTheConnection() throws Exception {
		DtlsServer server = DtlsServer.builder().bindAddress(Endpoints.ipv4()).credentials(pki.server(false)).build();
		server.start();
		try (server; UdpRelay relay = new UdpRelay(server.localAddress());
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			DtlsConnection connection = client.connect("127.0.0.1", relay.port());
			relay.close();

			assertThatExceptionOfType(DtlsTimeoutException.class)
				.isThrownBy(() -> connection.unwrap(Duration.ofMillis(300)))
				.withMessageContaining("did not answer close_notify");
			assertThat(connection.closeReason()).isEqualTo(CloseReason.CLOSED_LOCALLY);
			assertThat(client.connections()).isEmpty();
		}
	}

}
