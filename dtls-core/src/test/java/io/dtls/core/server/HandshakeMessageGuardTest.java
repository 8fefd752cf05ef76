package io.dtls.core.server;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.Arrays;

import io.dtls.core.event.DropReason;
import io.dtls.core.record.HandshakeMessageGuard;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bouncy Castle 1.84 allocates a handshake reassembly buffer of the length a fragment declares
 * (CVE-2026-59646). A peer that passed the cookie exchange sends fragments declaring 16 MiB
 * messages: the guard drops them before Bouncy Castle reads them, and the heap does not grow.
 */
class HandshakeMessageGuardTest {

	private static final int SIXTEEN_MIB = (1 << 24) - 1;

	private static final int CERTIFICATE = 11;

	private static final int FRAGMENTS = 4;

	private static byte[] clientHello;

	@BeforeAll
	static void captureClientHello() throws Exception {
		clientHello = RawDtls.captureClientHello();
	}

	@TransportMatrixTest
	void oversizedFragmentsDroppedBeforeBouncyCastle(TransportCase transport) throws Exception {
		long growth = heapGrowthFromOversizedFragments(transport,
				HandshakeMessageGuard.DEFAULT_MAX_HANDSHAKE_MESSAGE_LENGTH,
				(server) -> assertThat(server.statistics().dropped(DropReason.HANDSHAKE_MESSAGE_TOO_LARGE))
					.isEqualTo(FRAGMENTS));

		assertThat(growth).isLessThan(8L * 1024 * 1024);
	}

	@TransportMatrixTest
	void withoutGuardBouncyCastleAllocatesDeclaredLength(TransportCase transport) throws Exception {
		// Control case: with the limit raised to the 24-bit maximum the fragments reach Bouncy
		// Castle, which shows that the first test measures the allocation it claims to prevent.
		long growth = heapGrowthFromOversizedFragments(transport, 1 << 24, (server) -> assertThat(
				server.statistics().dropped(DropReason.HANDSHAKE_MESSAGE_TOO_LARGE)).isZero());

		assertThat(growth).isGreaterThan(16L * 1024 * 1024);
	}

	private long heapGrowthFromOversizedFragments(TransportCase transport, int maxHandshakeMessageLength,
			java.util.function.Consumer<DtlsServer> check) throws Exception {
		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(TestPki.create("guard-test-root").server(false))
			.maxHandshakeMessageLength(maxHandshakeMessageLength)
			.handshakeTimeout(Duration.ofSeconds(20))
			.handler(new EchoHandler())
			.build();
		server.start();
		try (DatagramSocket peer = new DatagramSocket(transport.loopback())) {
			peer.setSoTimeout(3000);
			send(peer, server, clientHello);
			byte[] cookie = RawDtls.cookieOf(receive(peer));
			send(peer, server, RawDtls.withCookie(clientHello, cookie, 1));
			receive(peer);
			await().atMost(Duration.ofSeconds(5)).until(() -> server.handshakesInProgress() == 1);

			long before = usedHeapAfterGc();
			for (int i = 0; i < FRAGMENTS; i++) {
				// Message sequence 2 onwards: the client's next flight after its two ClientHellos.
				send(peer, server, RawDtls.handshakeFragment(CERTIFICATE, 2 + i, SIXTEEN_MIB, 2 + i));
			}
			Thread.sleep(500);
			long after = usedHeapAfterGc();

			check.accept(server);
			assertThat(server.handshakesInProgress()).isEqualTo(1);
			return after - before;
		}
		finally {
			server.stop(Duration.ofSeconds(2));
		}
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static void send(DatagramSocket peer, DtlsServer server, byte[] datagram) throws Exception {
		peer.send(new DatagramPacket(datagram, datagram.length, server.localAddress()));
	}

	private static byte[] receive(DatagramSocket peer) throws Exception {
		DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
		peer.receive(packet);
		return Arrays.copyOf(packet.getData(), packet.getLength());
	}

}
