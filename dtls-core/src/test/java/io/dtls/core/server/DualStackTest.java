package io.dtls.core.server;

import java.time.Duration;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server bound to the wildcard address serves IPv4 and IPv6 peers on one port.
 */
class DualStackTest {

	@Test
	void wildcardServesBothFamilies() throws Exception {
		TestPki pki = TestPki.create("dual-stack-root");
		try (DtlsServer server = DtlsServer.builder().port(0).credentials(pki.server(false)).handler(new EchoHandler()).build();
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			server.start();
			int port = server.localAddress().getPort();

			DtlsConnection ipv4 = client.connect("127.0.0.1", port);
			DtlsConnection ipv6 = client.connect("::1", port);

			ipv4.send(new byte[] { 4 });
			ipv6.send(new byte[] { 6 });
			assertThat(ipv4.receive(Duration.ofSeconds(5))).containsExactly(4);
			assertThat(ipv6.receive(Duration.ofSeconds(5))).containsExactly(6);
			assertThat(server.connections()).hasSize(2);
		}
	}

}
