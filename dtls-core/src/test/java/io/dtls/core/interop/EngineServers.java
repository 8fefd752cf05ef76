package io.dtls.core.interop;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import io.dtls.core.HandshakeFailure;
import io.dtls.core.demux.ConnectedDemultiplexer;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.event.DtlsStatistics;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.support.CapturingHandler;
import io.dtls.core.support.TransportCase;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts and checks the engine's server in the interop tests where a peer is the client.
 */
final class EngineServers {

	private EngineServers() {
	}

	/**
	 * Skips the calling test when {@code transport} uses the connected-socket demultiplexer and
	 * this platform does not route datagrams to connected sockets.
	 */
	static void assumeSupported(TransportCase transport) {
		Assumptions.assumeTrue(transport.demux() != DemuxMode.CONNECTED || ConnectedDemultiplexer.isSupported(),
				"the CONNECTED demultiplexer needs Linux");
	}

	/**
	 * Starts a server on the loopback address and with the demultiplexer of {@code transport},
	 * which passes every message to {@code handler}, after {@code setup} has configured it.
	 */
	static DtlsServer start(TransportCase transport, Duration handshakeTimeout, CapturingHandler handler,
			Consumer<DtlsServerBuilder> setup) {
		DtlsServerBuilder builder = transport.apply(DtlsServer.builder())
			.handshakeTimeout(handshakeTimeout)
			.handler(handler);
		setup.accept(builder);
		DtlsServer server = builder.build();
		server.start();
		assertThat(server.demuxMode()).isEqualTo(transport.demux());
		return server;
	}

	/**
	 * Checks that {@code client} gave up with an error, that {@code server} counted exactly one
	 * failed handshake, of the kind {@code expected}, and that no connection opened.
	 */
	static void assertHandshakeFailed(DtlsServer server, CapturingHandler handler, ExternalProcess client,
			HandshakeFailure expected) throws InterruptedException {
		assertThat(client.awaitExit()).as("the client exits%n%s", client.describe()).isTrue();
		assertThat(client.exitValue()).as(client.describe()).isNotZero();
		DtlsStatistics statistics = server.statistics();
		boolean counted = ExternalProcess.await(() -> statistics.handshakesFailed() == 1, ExternalProcess.DEADLINE);
		assertThat(counted).as("server counts one failed handshake, counted %s%n%s", failureCounts(statistics),
				client.describe())
			.isTrue();
		assertThat(statistics.handshakesFailed(expected)).as("counted %s%n%s", failureCounts(statistics),
				client.describe())
			.isEqualTo(1);
		assertThat(handler.connections()).isEmpty();
	}

	private static Map<HandshakeFailure, Long> failureCounts(DtlsStatistics statistics) {
		Map<HandshakeFailure, Long> counts = new EnumMap<>(HandshakeFailure.class);
		for (HandshakeFailure failure : HandshakeFailure.values()) {
			if (statistics.handshakesFailed(failure) > 0) {
				counts.put(failure, statistics.handshakesFailed(failure));
			}
		}
		return counts;
	}

}
