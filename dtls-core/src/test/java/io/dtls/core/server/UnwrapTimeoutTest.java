package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionClosedException;
import io.dtls.core.DtlsTimeoutException;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.support.Endpoints;
import io.dtls.core.support.KernelSockets;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.UdpRelay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code unwrap} towards a peer that never sends close_notify: the wait ends on the timeout, on
 * an interrupt or when the endpoint stops, and none of them leaves a plain route behind.
 */
class UnwrapTimeoutTest {

	private static final TestPki pki = TestPki.create("unwrap-timeout-test-root");

	@Test
	void interruptedUnwrapReleasesThePeer() throws Exception {
		DtlsServer server = DtlsServer.builder()
			.bindAddress(Endpoints.ipv4())
			.demux(DemuxMode.CONNECTED)
			.credentials(pki.server(false))
			.build();
		server.start();
		try (server; UdpRelay relay = new UdpRelay(server.localAddress());
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			client.connect("127.0.0.1", relay.port());
			DtlsConnection serverSide = server.accept(Duration.ofSeconds(5));
			relay.close();
			InetSocketAddress address = server.localAddress();
			CompletableFuture<Throwable> outcome = new CompletableFuture<>();
			Thread unwrapping = unwrapInBackground(serverSide, outcome);

			unwrapping.interrupt();

			assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class)
				.hasMessageContaining("no plain channel opened");
			assertThat(serverSide.closeReason()).isEqualTo(CloseReason.CLOSED_LOCALLY);
			await().atMost(Duration.ofSeconds(5)).until(() -> KernelSockets.connectedSocketsOn(address) == 0);
		}
	}

	@Test
	void stopEndsWaitingUnwrap() throws Exception {
		DtlsServer server = DtlsServer.builder().bindAddress(Endpoints.ipv4()).credentials(pki.server(false)).build();
		server.start();
		try (server; UdpRelay relay = new UdpRelay(server.localAddress());
				DtlsClient client = DtlsClient.builder().trust(pki.trust()).build()) {
			client.connect("127.0.0.1", relay.port());
			DtlsConnection serverSide = server.accept(Duration.ofSeconds(5));
			relay.close();
			CompletableFuture<Throwable> outcome = new CompletableFuture<>();
			unwrapInBackground(serverSide, outcome);

			server.stop(Duration.ofSeconds(5));

			Throwable raised = outcome.get(5, TimeUnit.SECONDS);
			assertThat(raised).isInstanceOf(DtlsConnectionClosedException.class)
				.hasMessageContaining("the endpoint stopped");
			assertThat(((DtlsConnectionClosedException) raised).getCloseReason()).isEqualTo(CloseReason.ENDPOINT_STOPPED);
		}
	}

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

	/**
	 * Starts an {@code unwrap} with a 30 s timeout on a thread of its own, gives it time to send
	 * close_notify, and completes {@code outcome} with what it raised, or {@code null}.
	 */
	private static Thread unwrapInBackground(DtlsConnection connection, CompletableFuture<Throwable> outcome)
			throws InterruptedException {
		Thread unwrapping = new Thread(() -> {
			try {
				connection.unwrap(Duration.ofSeconds(30));
				outcome.complete(null);
			}
			catch (Throwable ex) {
				outcome.complete(ex);
			}
		});
		unwrapping.start();
		Thread.sleep(300);
		return unwrapping;
	}

}
