package io.dtls.core.client;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.internal.EventPublisher;
import io.dtls.core.record.HandshakeMessageGuard;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClientReceiveLoopTest {

	@Test
	void channelClosedBeforeRegistrationIsNotReported() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(ClientReceiveLoop.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		EventPublisher events = new EventPublisher(new DtlsStatistics(), null);
		ClientReceiveLoop loop = new ClientReceiveLoop(1232, new HandshakeMessageGuard(65536), events);
		Thread thread = new Thread(loop, "client-receive-loop-test");
		thread.start();
		InetSocketAddress server = new InetSocketAddress("127.0.0.1", 9);
		try (DatagramChannel closedChannel = DatagramChannel.open();
				DatagramChannel openChannel = DatagramChannel.open()) {
			closedChannel.configureBlocking(false);
			openChannel.configureBlocking(false);
			// A client that closes, or a handshake that is cancelled, closes its channel at any time,
			// also before the receive thread registered it.
			ClientChannel closed = new ClientChannel(closedChannel, server, 1232, events);
			closed.close();

			loop.register(closed);
			loop.register(new ClientChannel(openChannel, server, 1232, events));

			// Registrations are handled in order, so once the open channel is registered, the
			// closed one has been handled.
			await().atMost(Duration.ofSeconds(5)).until(openChannel::isRegistered);
			assertThat(closedChannel.isRegistered()).isFalse();
			// NOTE: the loop logs at most one WARN per 5 s per JVM, so a WARN of another test just
			// before this one would hide a regression here.
			assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
			assertThat(thread.isAlive()).isTrue();
		}
		finally {
			loop.stop();
			thread.join(5000);
			logger.detachAppender(log);
		}
	}

}
