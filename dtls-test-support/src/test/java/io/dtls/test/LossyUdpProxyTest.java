package io.dtls.test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LossyUdpProxyTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void perfectLinkForwardsBothWays(String host) throws Exception {
		try (DatagramSocket server = loopbackSocket(host);
				LossyUdpProxy proxy = LossyUdpProxy.builder(address(server)).start();
				DatagramSocket client = loopbackSocket(host)) {
			send(client, "ping", proxy.address());
			DatagramPacket request = receive(server);
			send(server, "pong", (InetSocketAddress) request.getSocketAddress());

			assertThat(text(receive(client))).isEqualTo("pong");
			assertThat(proxy.address().getAddress()).isEqualTo(InetAddress.getByName(host));
			assertThat(request.getAddress()).isEqualTo(InetAddress.getByName(host));
			assertThat(proxy.clientToServer().forwarded()).isEqualTo(1);
			assertThat(proxy.serverToClient().forwarded()).isEqualTo(1);
		}
	}

	@Test
	void fullLossDropsEverything() throws Exception {
		try (DatagramSocket server = loopbackSocket();
				LossyUdpProxy proxy = LossyUdpProxy.builder(address(server))
					.clientToServer(LinkConditions.of(1.0, 0, 0))
					.start();
				DatagramSocket client = loopbackSocket()) {
			for (int i = 0; i < 20; i++) {
				send(client, "lost " + i, proxy.address());
			}
			server.setSoTimeout(300);

			assertThat(receiveAll(server)).isEmpty();
			assertThat(proxy.clientToServer().dropped()).isEqualTo(20);
		}
	}

	@Test
	void duplicationSendsEachTwice() throws Exception {
		try (DatagramSocket server = loopbackSocket();
				LossyUdpProxy proxy = LossyUdpProxy.builder(address(server))
					.clientToServer(LinkConditions.of(0, 1.0, 0))
					.start();
				DatagramSocket client = loopbackSocket()) {
			send(client, "twice", proxy.address());
			server.setSoTimeout(500);

			assertThat(receiveAll(server)).containsExactly("twice", "twice");
			assertThat(proxy.clientToServer().duplicated()).isEqualTo(1);
		}
	}

	@Test
	void reorderingLetsLaterDatagramsOvertake() throws Exception {
		try (DatagramSocket server = loopbackSocket();
				LossyUdpProxy proxy = LossyUdpProxy.builder(address(server))
					.clientToServer(new LinkConditions(0, 0, 1.0, java.time.Duration.ZERO,
							java.time.Duration.ofMillis(200)))
					.start();
				DatagramSocket client = loopbackSocket()) {
			send(client, "first", proxy.address());
			Thread.sleep(20);
			// A second proxy direction is not involved: send the overtaking datagram straight to the server.
			send(client, "direct", address(server));
			server.setSoTimeout(1000);

			assertThat(receiveAll(server)).containsExactly("direct", "first");
			assertThat(proxy.clientToServer().reordered()).isEqualTo(1);
		}
	}

	@Test
	void sameSeedSameDecisions() throws Exception {
		assertThat(dropPattern(7)).isEqualTo(dropPattern(7));
		assertThat(dropPattern(7)).isNotEqualTo(dropPattern(8));
	}

	private static long dropPattern(long seed) throws Exception {
		try (DatagramSocket server = loopbackSocket();
				LossyUdpProxy proxy = LossyUdpProxy.builder(address(server))
					.clientToServer(LinkConditions.of(0.5, 0, 0))
					.seed(seed)
					.start();
				DatagramSocket client = loopbackSocket()) {
			long pattern = 0;
			server.setSoTimeout(100);
			for (int i = 0; i < 24; i++) {
				send(client, Integer.toString(i), proxy.address());
				try {
					receive(server);
					pattern |= 1L << i;
				}
				catch (SocketTimeoutException ex) {
					// Dropped by the proxy.
				}
			}
			return pattern;
		}
	}

	private static DatagramSocket loopbackSocket() throws Exception {
		return loopbackSocket("127.0.0.1");
	}

	private static DatagramSocket loopbackSocket(String host) throws Exception {
		return new DatagramSocket(0, InetAddress.getByName(host));
	}

	private static InetSocketAddress address(DatagramSocket socket) {
		return (InetSocketAddress) socket.getLocalSocketAddress();
	}

	private static void send(DatagramSocket socket, String text, InetSocketAddress target) throws Exception {
		byte[] bytes = text.getBytes();
		socket.send(new DatagramPacket(bytes, bytes.length, target));
	}

	private static DatagramPacket receive(DatagramSocket socket) throws Exception {
		DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
		socket.receive(packet);
		return packet;
	}

	private static List<String> receiveAll(DatagramSocket socket) throws Exception {
		List<String> texts = new ArrayList<>();
		try {
			while (true) {
				texts.add(text(receive(socket)));
			}
		}
		catch (SocketTimeoutException ex) {
			return texts;
		}
	}

	private static String text(DatagramPacket packet) {
		return new String(packet.getData(), 0, packet.getLength());
	}

}
