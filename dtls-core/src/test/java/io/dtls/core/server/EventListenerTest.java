package io.dtls.core.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.HandshakeFailure;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.event.DropReason;
import io.dtls.core.event.DtlsEventListener;
import io.dtls.core.event.DtlsRole;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events SPI reports handshakes, connections, drops and traffic, and a failing listener
 * does not disturb the server.
 */
class EventListenerTest {

	private static final TestPki pki = TestPki.create("events-test-root");

	@TransportMatrixTest
	void listenerSeesConnectionLifecycle(TransportCase transport) throws Exception {
		RecordingListener listener = new RecordingListener();
		try (DtlsServer server = server(transport, listener); DtlsClient client = client()) {
			server.start();
			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
			connection.send(new byte[] { 42 });
			assertThat(connection.receive(Duration.ofSeconds(5))).containsExactly(42);
			connection.close();

			await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("closed PEER_CLOSE_NOTIFY"));
			assertThat(listener.events).containsSubsequence("hello-verify-request", "started SERVER",
					"completed SERVER", "opened", "closed PEER_CLOSE_NOTIFY");
			assertThat(listener.handshakeDuration).isPositive();
			assertThat(server.statistics().bytesReceived()).isPositive();
			assertThat(server.statistics().bytesSent()).isPositive();
		}
	}

	@TransportMatrixTest
	void listenerSeesDropsAndFailures(TransportCase transport) throws Exception {
		RecordingListener listener = new RecordingListener();
		try (DtlsServer server = server(transport, listener);
				DtlsClient client = DtlsClient.builder()
					.trust(TestPki.create("unrelated-root").trust())
					.connectTimeout(Duration.ofSeconds(5))
					.build();
				java.net.DatagramSocket stranger = new java.net.DatagramSocket(transport.loopback())) {
			server.start();
			byte[] garbage = new byte[40];
			stranger.send(new java.net.DatagramPacket(garbage, garbage.length, server.localAddress()));
			try {
				client.connect(transport.host(), server.localAddress().getPort());
			}
			catch (io.dtls.core.DtlsHandshakeException expected) {
				// The client does not trust the server; the server sees the resulting alert.
			}

			await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.stream().anyMatch((e) -> e.startsWith("failed")));
			assertThat(listener.events).contains("dropped UNEXPECTED_FROM_UNKNOWN_PEER");
			// The client rejected the certificate with a bad_certificate alert, which the server classifies.
			assertThat(listener.events).contains("failed SERVER UNTRUSTED_CERTIFICATE");
		}
	}

	@TransportMatrixTest
	void failingListenerDoesNotDisturbServer(TransportCase transport) throws Exception {
		DtlsEventListener failing = new DtlsEventListener() {

			@Override
			public void datagramReceived(int bytes) {
				throw new IllegalStateException("listener failure on purpose");
			}

			@Override
			public void connectionOpened(DtlsConnection connection) {
				throw new IllegalStateException("listener failure on purpose");
			}

		};
		try (DtlsServer server = server(transport, failing); DtlsClient client = client()) {
			server.start();
			DtlsConnection connection = client.connect(transport.host(), server.localAddress().getPort());
			connection.send(new byte[] { 7 });
			assertThat(connection.receive(Duration.ofSeconds(5))).containsExactly(7);
		}
	}

	private static DtlsServer server(TransportCase transport, DtlsEventListener listener) {
		return transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.eventListener(listener)
			.handler(new EchoHandler())
			.build();
	}

	private static DtlsClient client() {
		return DtlsClient.builder().trust(pki.trust()).build();
	}

	private static final class RecordingListener implements DtlsEventListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		volatile Duration handshakeDuration = Duration.ZERO;

		@Override
		public void handshakeStarted(InetSocketAddress peer, DtlsRole role) {
			this.events.add("started " + role);
		}

		@Override
		public void handshakeCompleted(DtlsConnection connection, DtlsRole role, Duration duration) {
			this.handshakeDuration = duration;
			this.events.add("completed " + role);
		}

		@Override
		public void handshakeFailed(InetSocketAddress peer, DtlsRole role, HandshakeFailure failure, Duration duration,
				@Nullable Throwable cause) {
			this.events.add("failed " + role + " " + failure);
		}

		@Override
		public void helloVerifyRequestSent(InetSocketAddress peer, int bytes) {
			this.events.add("hello-verify-request");
		}

		@Override
		public void connectionOpened(DtlsConnection connection) {
			this.events.add("opened");
		}

		@Override
		public void connectionClosed(DtlsConnection connection, CloseReason reason) {
			this.events.add("closed " + reason.kind());
		}

		@Override
		public void dropped(@Nullable InetSocketAddress source, DropReason reason, int bytes) {
			this.events.add("dropped " + reason);
		}

	}

}
