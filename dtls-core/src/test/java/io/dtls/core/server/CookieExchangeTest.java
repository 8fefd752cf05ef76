package io.dtls.core.server;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import io.dtls.core.cookie.CookieVerifier;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.crypto.EngineCrypto;
import io.dtls.core.record.HandshakeMessageGuard;
import io.dtls.core.support.AddressFamilyTest;
import io.dtls.core.support.EchoHandler;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The stateless cookie exchange of RFC 6347 4.2.1, played with raw datagrams.
 */
class CookieExchangeTest {

	private static final int HELLO_VERIFY_REQUEST = 3;

	private static final int SERVER_HELLO = 2;

	private static byte[] clientHello;

	private DtlsServer server;

	private DatagramSocket peer;

	@BeforeAll
	static void captureClientHello() throws Exception {
		clientHello = RawDtls.captureClientHello();
	}

	@AfterEach
	void stop() {
		if (this.peer != null) {
			this.peer.close();
		}
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(2));
		}
	}

	@TransportMatrixTest
	void clientHelloWithoutCookieGetsSmallerHelloVerifyRequest(TransportCase transport) throws Exception {
		start(transport);
		send(clientHello);

		byte[] reply = receive();

		assertThat(RawDtls.handshakeType(reply)).isEqualTo(HELLO_VERIFY_REQUEST);
		assertThat(reply.length).isLessThanOrEqualTo(clientHello.length);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.server.statistics().helloVerifyRequests() == 1);
		assertThat(this.server.statistics().helloVerifyRequestBytes()).isEqualTo(reply.length);
		assertThat(this.server.handshakesInProgress()).isZero();
		assertThat(this.server.statistics().handshakesStarted()).isZero();
		assertThat(this.server.connections()).isEmpty();
	}

	@TransportMatrixTest
	void validCookieStartsHandshake(TransportCase transport) throws Exception {
		start(transport);
		send(clientHello);
		byte[] cookie = RawDtls.cookieOf(receive());

		send(RawDtls.withCookie(clientHello, cookie, 1));

		assertThat(RawDtls.handshakeType(receive())).isEqualTo(SERVER_HELLO);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.statistics().handshakesStarted() == 1);
	}

	@TransportMatrixTest
	void wrongCookieStartsNoHandshake(TransportCase transport) throws Exception {
		start(transport);
		send(clientHello);
		byte[] cookie = RawDtls.cookieOf(receive());
		cookie[0] ^= 0x01;

		send(RawDtls.withCookie(clientHello, cookie, 1));

		assertThat(RawDtls.handshakeType(receive())).isEqualTo(HELLO_VERIFY_REQUEST);
		assertThat(this.server.statistics().handshakesStarted()).isZero();
		assertThat(this.server.handshakesInProgress()).isZero();
	}

	@TransportMatrixTest
	void cookieFromOtherAddressStartsNoHandshake(TransportCase transport) throws Exception {
		start(transport);
		send(clientHello);
		byte[] cookie = RawDtls.cookieOf(receive());

		try (DatagramSocket other = new DatagramSocket(transport.loopback())) {
			other.setSoTimeout(2000);
			byte[] forged = RawDtls.withCookie(clientHello, cookie, 1);
			other.send(new DatagramPacket(forged, forged.length, this.server.localAddress()));
			DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
			other.receive(packet);
			assertThat(RawDtls.handshakeType(Arrays.copyOf(packet.getData(), packet.getLength())))
				.isEqualTo(HELLO_VERIFY_REQUEST);
		}
		assertThat(this.server.statistics().handshakesStarted()).isZero();
	}

	@TransportMatrixTest
	void truncatedClientHelloIsDroppedSilently(TransportCase transport) throws Exception {
		start(transport);
		send(Arrays.copyOf(clientHello, 40));

		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(this::receive);
		assertThat(this.server.statistics().helloVerifyRequests()).isZero();
	}

	@AddressFamilyTest
	void previousSecretAcceptedAfterOneRotation(String clientHost) throws Exception {
		EngineCrypto crypto = EngineCrypto.create(DtlsCryptoBackend.HYBRID, new HandshakeMessageGuard(65536), () -> {
		});
		CookieVerifier verifier = new CookieVerifier(crypto.tlsCrypto());
		InetSocketAddress client = new InetSocketAddress(InetAddress.getByName(clientHost), 40000);
		byte[][] issued = new byte[1][];
		verifier.verify(client, clientHello, clientHello.length, (address, hvr) -> issued[0] = hvr);
		byte[] withCookie = RawDtls.withCookie(clientHello, RawDtls.cookieOf(issued[0]), 1);

		verifier.rotate();
		assertThat(verifier.verify(client, withCookie, withCookie.length, (address, hvr) -> {
		})).isNotNull();

		verifier.rotate();
		assertThat(verifier.verify(client, withCookie, withCookie.length, (address, hvr) -> {
		})).isNull();
	}

	private void start(TransportCase transport) throws Exception {
		this.server = transport.apply(DtlsServer.builder())
			.credentials(TestPki.create("cookie-test-root").server(false))
			.handler(new EchoHandler())
			.build();
		this.server.start();
		this.peer = new DatagramSocket(transport.loopback());
		this.peer.setSoTimeout(2000);
	}

	private void send(byte[] datagram) throws Exception {
		this.peer.send(new DatagramPacket(datagram, datagram.length, this.server.localAddress()));
	}

	private byte[] receive() throws Exception {
		DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
		this.peer.receive(packet);
		return Arrays.copyOf(packet.getData(), packet.getLength());
	}

}
