package io.dtls.benchmarks.server;

import java.net.InetSocketAddress;
import java.util.Map;

import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.server.DtlsServer;
import io.dtls.core.server.DtlsServerBuilder;
import io.dtls.core.server.MaxConnectionsPolicy;

/**
 * This project's DTLS engine with an echo handler, offering the ECDHE-ECDSA and PSK suites of
 * the suite with its default settings, except for the limits a benchmark must raise.
 */
final class EngineEchoServer implements BenchmarkServer {

	/** Room for the 1,400-byte payloads plus record overhead, as for Scandium. */
	static final int MAX_DATAGRAM_SIZE = 1500;

	/** Above the largest number of idle connections the memory section opens. */
	private static final int MAX_CONNECTIONS = 20_000;

	private final DtlsServer server;

	private final MessageCounter counter = new MessageCounter();

	/**
	 * @param inlineDelivery whether the handler runs on the receive thread rather than on the
	 * server's handler pool
	 */
	EngineEchoServer(InetSocketAddress bindAddress, X509Credentials credentials, DemuxMode demux,
			DtlsCryptoBackend backend, boolean inlineDelivery) {
		DtlsServerBuilder builder = DtlsServer.builder()
			.bindAddress(bindAddress)
			.credentials(credentials)
			.pskStore(StaticPskStore.of(Map.of(BenchmarkKeys.PSK_IDENTITY, BenchmarkKeys.psk())))
			.cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_128_CCM_8")
			.cryptoBackend(backend)
			.maxDatagramSize(MAX_DATAGRAM_SIZE)
			.maxConnections(MAX_CONNECTIONS, MaxConnectionsPolicy.REJECT_NEW)
			.demux(demux)
			.handler((connection, payload) -> {
				if (this.counter.received(payload.length)) {
					connection.send(payload);
				}
			});
		if (inlineDelivery) {
			builder.executor(Runnable::run);
		}
		this.server = builder.build();
		this.server.start();
	}

	@Override
	public int port() {
		return this.server.localAddress().getPort();
	}

	@Override
	public MessageCounter counter() {
		return this.counter;
	}

	/** Returns the number of established connections. */
	int connections() {
		return this.server.connections().size();
	}

	@Override
	public void close() {
		this.server.close();
	}

}
