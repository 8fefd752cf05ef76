package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.demux.ConnectedDemultiplexer;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.KernelSockets;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The kernel-routed demultiplexer, checked against the kernel's own socket table: a socket
 * connected to each peer that passed the cookie exchange, and released with the peer's state.
 */
@EnabledOnOs(OS.LINUX)
class ConnectedDemuxTest {

	private static final TestPki pki = TestPki.create("connected-demux-test-root");

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@ParameterizedTest(name = "IPv6: {0}")
	@ValueSource(booleans = { false, true })
	void eachPeerReceivesThroughASocketConnectedToIt(boolean ipv6) {
		TransportCase transport = new TransportCase(DemuxMode.CONNECTED, ipv6);
		DtlsServer server = start(transport, DtlsServer.builder().handler(new EchoHandler()));
		List<Integer> clientPorts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			DtlsConnection connection = client(pki).connect(transport.host(), port(server));
			assertThat(echo(connection, "peer " + i)).isEqualTo("peer " + i);
			clientPorts.add(connection.localAddress().getPort());
		}

		assertThat(server.demuxMode()).isEqualTo(DemuxMode.CONNECTED);
		List<Integer> expected = new ArrayList<>(clientPorts);
		expected.add(0);
		assertThat(KernelSockets.remotePortsOfSocketsOn(server.localAddress())).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void closingAConnectionReleasesItsSocket() {
		TransportCase transport = new TransportCase(DemuxMode.CONNECTED, false);
		DtlsServer server = start(transport, DtlsServer.builder().handler(new EchoHandler()));
		DtlsConnection kept = client(pki).connect(transport.host(), port(server));
		DtlsConnection closed = client(pki).connect(transport.host(), port(server));
		await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.connectedSocketsOn(server.localAddress()) == 2);

		closed.close();

		// The route kept for a late unwrap needs no socket, so the socket goes at once.
		await().atMost(Duration.ofSeconds(2))
			.until(() -> KernelSockets.remotePortsOfSocketsOn(server.localAddress())
				.equals(List.of(0, kept.localAddress().getPort()))
					|| KernelSockets.remotePortsOfSocketsOn(server.localAddress())
						.equals(List.of(kept.localAddress().getPort(), 0)));
		assertThat(echo(kept, "still routed")).isEqualTo("still routed");
	}

	@Test
	void failedHandshakeReleasesItsSocket() {
		TransportCase transport = new TransportCase(DemuxMode.CONNECTED, false);
		DtlsServer server = start(transport, DtlsServer.builder().handler(new EchoHandler()));

		assertThatExceptionOfType(DtlsException.class)
			.isThrownBy(() -> client(TestPki.create("untrusted-root")).connect(transport.host(), port(server)));

		await().atMost(Duration.ofSeconds(5)).until(() -> server.handshakesInProgress() == 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.connectedSocketsOn(server.localAddress()) == 0);
		assertThat(KernelSockets.remotePortsOfSocketsOn(server.localAddress())).containsExactly(0);
	}

	@Test
	void stopReleasesEverySocket() {
		TransportCase transport = new TransportCase(DemuxMode.CONNECTED, false);
		DtlsServer server = start(transport, DtlsServer.builder().handler(new EchoHandler()));
		client(pki).connect(transport.host(), port(server));
		client(pki).connect(transport.host(), port(server));
		InetSocketAddress address = server.localAddress();
		await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.connectedSocketsOn(address) == 2);

		server.stop(Duration.ofSeconds(5));

		await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.remotePortsOfSocketsOn(address).isEmpty());
	}

	@Test
	void routerUsesOneSocket() {
		TransportCase transport = new TransportCase(DemuxMode.ROUTER, false);
		DtlsServer server = start(transport, DtlsServer.builder().handler(new EchoHandler()));
		for (int i = 0; i < 3; i++) {
			assertThat(echo(client(pki).connect(transport.host(), port(server)), "hello")).isEqualTo("hello");
		}

		assertThat(server.demuxMode()).isEqualTo(DemuxMode.ROUTER);
		assertThat(KernelSockets.remotePortsOfSocketsOn(server.localAddress())).containsExactly(0);
	}

	@Test
	void portInUseFailsTheStart() {
		TransportCase transport = new TransportCase(DemuxMode.CONNECTED, false);
		DtlsServer first = start(transport, DtlsServer.builder());
		DtlsServer second = DtlsServer.builder()
			.bindAddress(first.localAddress())
			.demux(DemuxMode.CONNECTED)
			.credentials(pki.server(false))
			.build();

		assertThatExceptionOfType(DtlsException.class).isThrownBy(second::start)
			.withMessageContaining("Cannot bind DTLS server to 127.0.0.1:" + port(first));
	}

	@Test
	void autoPicksConnectedSocketsOnLinux() {
		DtlsServer server = start(new TransportCase(DemuxMode.AUTO, false), DtlsServer.builder());

		assertThat(ConnectedDemultiplexer.isSupported()).isTrue();
		assertThat(server.demuxMode()).isEqualTo(DemuxMode.CONNECTED);
	}

	private static String echo(DtlsConnection connection, String text) {
		connection.send(text.getBytes(StandardCharsets.UTF_8));
		try {
			byte[] reply = connection.receive(Duration.ofSeconds(5));
			return (reply != null) ? new String(reply, StandardCharsets.UTF_8) : "(no reply)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private DtlsServer start(TransportCase transport, DtlsServerBuilder builder) {
		DtlsServer server = transport.apply(builder).credentials(pki.server(false)).build();
		server.start();
		this.resources.add(0, server);
		return server;
	}

	private DtlsClient client(TestPki trusted) {
		DtlsClient client = DtlsClient.builder().trust(trusted.trust()).connectTimeout(Duration.ofSeconds(5)).build();
		this.resources.add(0, client);
		return client;
	}

	private static int port(DtlsServer server) {
		return server.localAddress().getPort();
	}

}
