package io.dtls.core.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.dtls.core.credentials.StaticPskStore;
import io.dtls.core.demux.DemuxMode;
import io.dtls.core.server.DtlsServer;

/**
 * An echo server with the connected demultiplexer, run by a test in a JVM of its own under a
 * low file descriptor limit. It prints {@code PORT <port>} once it listens and stops when its
 * standard input ends.
 */
public final class DescriptorLimitedServer {

	/** The PSK identity that the server accepts. */
	public static final String IDENTITY = "descriptor-limit-test";

	/** The key of {@link #IDENTITY}. */
	public static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private DescriptorLimitedServer() {
	}

	public static void main(String[] arguments) throws IOException {
		DtlsServer server = DtlsServer.builder()
			.bindAddress(new InetSocketAddress("127.0.0.1", 0))
			.demux(DemuxMode.CONNECTED)
			.pskStore(StaticPskStore.of(Map.of(IDENTITY, KEY)))
			.maxHandshakesPerAddress(64)
			.handler(new EchoHandler())
			.build();
		server.start();
		try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
			System.out.println("DESCRIPTORS " + descriptors.count());
		}
		System.out.println("PORT " + server.localAddress().getPort());
		System.out.flush();
		while (System.in.read() >= 0) {
			// Waits for the test to close standard input.
		}
		server.stop(Duration.ofSeconds(5));
	}

}
