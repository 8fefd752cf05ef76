package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.dtls.core.DtlsConnection;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.KernelSockets;
import io.dtls.core.support.RunNameOnFailure;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server bound to the wildcard address serves IPv4 and IPv6 peers on one port.
 */
class DualStackTest {

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = DemuxMode.class, names = { "ROUTER", "CONNECTED" })
	@ExtendWith(RunNameOnFailure.class)
	void wildcardServesBothFamilies(DemuxMode demux) throws Exception {
		TestPki pki = TestPki.create("dual-stack-root");
		try (DtlsServer server = DtlsServer.builder()
			.port(0)
			.demux(demux)
			.credentials(pki.server(false))
			.handler(new EchoHandler())
			.build();
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
			assertThat(server.demuxMode()).isEqualTo(demux);
			if (demux == DemuxMode.CONNECTED) {
				// Each peer, the IPv4 one included, has a socket of its own connected to it. Connecting
				// binds such a socket to the address the peer sent to, in place of the wildcard.
				InetSocketAddress ipv4Local = new InetSocketAddress("127.0.0.1", port);
				InetSocketAddress ipv6Local = new InetSocketAddress("::1", port);
				await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.connectedSocketsOn(ipv4Local) == 1);
				await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.connectedSocketsOn(ipv6Local) == 1);
			}
		}
	}

}
