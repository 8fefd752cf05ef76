package io.dtls.core.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.dtls.core.CloseReason;
import io.dtls.core.DtlsConnection;
import io.dtls.core.DtlsConnectionHandler;
import io.dtls.core.client.DtlsClient;
import io.dtls.core.support.LoopbackFixture;
import io.dtls.core.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server whose handler runs in the engine's own threads ({@code executor(Runnable::run)}):
 * order, close notifications, failing handlers, and a handler that sends or closes, over real
 * handshakes on loopback.
 */
class InlineExecutorTest {

	private static final TestPki pki = TestPki.create("inline-executor-test-root");

	private final LoopbackFixture fixture = new LoopbackFixture(pki);

	@AfterEach
	void closeFixture() throws Exception {
		this.fixture.close();
	}

	@Test
	void messagesArriveInOrderOnEngineThreads() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		DtlsServer server = start(handler);
		DtlsConnection connection = client().connect("localhost", port(server));
		int count = 500;

		for (int i = 0; i < count; i++) {
			connection.send(bytes("message-" + i));
			assertThat(connection.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8)
				.isEqualTo("message-" + i);
		}

		assertThat(handler.messages).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(handler.messages.get(i)).isEqualTo("message-" + i);
		}
		assertThat(handler.threadNames).noneMatch((name) -> name.contains("handler-"));
	}

	@Test
	void failingHandlerLeavesConnectionOpen() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		DtlsServer server = start(handler);
		DtlsConnection connection = client().connect("localhost", port(server));

		connection.send(bytes("fail"));
		connection.send(bytes("after failure"));

		assertThat(connection.receive(Duration.ofSeconds(5))).asString(StandardCharsets.UTF_8)
			.isEqualTo("after failure");
		assertThat(connection.isOpen()).isTrue();
		assertThat(server.connections()).hasSize(1);
		assertThat(server.isReceiving()).isTrue();
	}

	@Test
	void handlerCloseNotifiesOnce() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		DtlsServer server = start(handler);
		DtlsConnection connection = client().connect("localhost", port(server));

		connection.send(bytes("close"));

		assertThat(handler.closeReasons.poll(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.CLOSED_LOCALLY);
		await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
		assertThat(connection.closeReason()).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		Thread.sleep(200);
		assertThat(handler.closeReasons).isEmpty();
		assertThat(handler.opened.get()).isEqualTo(1);
		assertThat(server.connections()).isEmpty();
	}

	@Test
	void peerCloseReachesHandler() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		DtlsServer server = start(handler);
		DtlsConnection connection = client().connect("localhost", port(server));
		connection.send(bytes("before close"));
		assertThat(connection.receive(Duration.ofSeconds(5))).isNotNull();

		connection.close();

		assertThat(handler.closeReasons.poll(5, TimeUnit.SECONDS)).isEqualTo(CloseReason.PEER_CLOSE_NOTIFY);
		assertThat(handler.messages).containsExactly("before close");
	}

	@Test
	void queuedMessagesDeliveredWithoutRecursion() throws Exception {
		int count = 300;
		CountDownLatch release = new CountDownLatch(1);
		Set<Integer> stackDepths = ConcurrentHashMap.newKeySet();
		LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
		AtomicReference<Thread> openingThread = new AtomicReference<>();
		DtlsConnectionHandler handler = new DtlsConnectionHandler() {

			@Override
			public void onOpened(DtlsConnection connection) {
				// Holds this connection's delivery while the client's messages queue up behind it.
				openingThread.set(Thread.currentThread());
				awaitQuietly(release);
			}

			@Override
			public void onMessage(DtlsConnection connection, byte[] payload) {
				if (Thread.currentThread() == openingThread.get()) {
					stackDepths.add(Thread.currentThread().getStackTrace().length);
				}
				received.add(new String(payload, StandardCharsets.UTF_8));
			}

		};
		DtlsServer server = start(DtlsServer.builder().handler(handler).inboundQueueCapacity(1000));
		DtlsConnection connection = client().connect("localhost", port(server));
		await().atMost(Duration.ofSeconds(5)).until(() -> openingThread.get() != null);
		long before = server.statistics().datagramsReceived();

		for (int i = 0; i < count; i++) {
			connection.send(bytes("queued-" + i));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> server.statistics().datagramsReceived() - before >= count);
		release.countDown();

		for (int i = 0; i < count; i++) {
			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("queued-" + i);
		}
		// More than one delivery batch ran on the thread of onOpened, all at the same stack depth.
		assertThat(stackDepths).hasSize(1);
	}

	private DtlsServer start(DtlsConnectionHandler handler) {
		return start(DtlsServer.builder().handler(handler));
	}

	private DtlsServer start(DtlsServerBuilder builder) {
		return this.fixture.server(builder.executor(Runnable::run));
	}

	private DtlsClient client() {
		return this.fixture.client();
	}

	private static int port(DtlsServer server) {
		return server.localAddress().getPort();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Echoes each message, except {@code fail}, on which it throws, and {@code close}, on which
	 * it closes the connection; records the messages, close reasons and threads of its calls.
	 */
	private static final class RecordingHandler implements DtlsConnectionHandler {

		final List<String> messages = new CopyOnWriteArrayList<>();

		final Set<String> threadNames = ConcurrentHashMap.newKeySet();

		final LinkedBlockingQueue<CloseReason> closeReasons = new LinkedBlockingQueue<>();

		final AtomicInteger opened = new AtomicInteger();

		@Override
		public void onOpened(DtlsConnection connection) {
			this.opened.incrementAndGet();
		}

		@Override
		public void onMessage(DtlsConnection connection, byte[] payload) {
			String text = new String(payload, StandardCharsets.UTF_8);
			this.messages.add(text);
			this.threadNames.add(Thread.currentThread().getName());
			switch (text) {
				case "fail" -> throw new IllegalStateException("handler failure for the test");
				case "close" -> connection.close();
				default -> connection.send(payload);
			}
		}

		@Override
		public void onClosed(DtlsConnection connection, CloseReason reason) {
			this.closeReasons.add(reason);
		}

	}

}
