package io.dtls.core.reliability;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.support.RawDtls;
import io.dtls.core.support.TestPki;
import io.dtls.core.support.TransportCase;
import io.dtls.core.support.TransportMatrixTest;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An initial ClientHello with every possible client_version. Each must be answered with a
 * HelloVerifyRequest or dropped and counted, so that the drop counters account for every
 * datagram and hostile input cannot make the receive loop log stack traces.
 */
class ClientHelloVersionTest {

	private static final TestPki pki = TestPki.create("version-test-root");

	/** Offset of client_version in a ClientHello datagram: record header (13) + handshake header (12). */
	private static final int CLIENT_VERSION_OFFSET = 25;

	@TransportMatrixTest
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void everyClientVersionIsAnsweredOrCounted(TransportCase transport) throws Exception {
		byte[] clientHello = RawDtls.captureClientHello();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		ListAppender<ILoggingEvent> engineLog = new ListAppender<>();
		engineLog.setContext(context);
		engineLog.start();
		context.getLogger("io.dtls").addAppender(engineLog);
		DtlsServer server = transport.apply(DtlsServer.builder())
			.credentials(pki.server(false))
			.build();
		server.start();
		try (DatagramSocket source = new DatagramSocket(transport.loopback())) {
			DtlsStatistics statistics = server.statistics();
			int versions = 65536;
			for (int version = 0; version < versions; version++) {
				byte[] datagram = clientHello.clone();
				datagram[CLIENT_VERSION_OFFSET] = (byte) (version >>> 8);
				datagram[CLIENT_VERSION_OFFSET + 1] = (byte) version;
				source.send(new DatagramPacket(datagram, datagram.length, server.localAddress()));
				if (version % 500 == 499) {
					awaitReceived(statistics, version + 1);
				}
			}
			awaitReceived(statistics, versions);

			long received = statistics.datagramsReceived();
			long accounted = statistics.dropped() + statistics.helloVerifyRequests();
			long warnings = engineLog.list.stream().filter((event) -> event.getLevel() == Level.WARN).count();
			System.out.printf("client versions, %s: %d received, %d HelloVerifyRequests, %d dropped, "
					+ "%d neither, %d engine warnings (logged at most one per 5 s); first: %s%n", transport, received,
					statistics.helloVerifyRequests(), statistics.dropped(), received - accounted, warnings,
					engineLog.list.stream().filter((event) -> event.getLevel() == Level.WARN)
						.map((event) -> event.getFormattedMessage() + " " + event.getThrowableProxy().getMessage())
						.findFirst()
						.orElse("none"));
			assertThat(received).isEqualTo(versions);
			assertThat(accounted).as("datagrams answered with a HelloVerifyRequest or counted as dropped")
				.isEqualTo(received);
			assertThat(warnings).isZero();
		}
		finally {
			server.stop(Duration.ofSeconds(5));
			context.getLogger("io.dtls").detachAppender(engineLog);
			engineLog.stop();
		}
	}

	private static void awaitReceived(DtlsStatistics statistics, long expected) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (statistics.datagramsReceived() < expected && System.nanoTime() - deadline < 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

}
