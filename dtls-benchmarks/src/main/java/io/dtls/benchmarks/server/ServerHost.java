package io.dtls.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.dtls.core.credentials.SelfSignedCertificateGenerator;
import io.dtls.core.credentials.X509Credentials;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.DemuxMode;

/**
 * The main class of the server JVM: starts servers under test on loopback and reports their
 * counts, used heap and threads, as the harness requests them one line at a time on standard
 * input. Each reply is one line on standard output, {@code ok} followed by values, or
 * {@code error} followed by a message; logging goes to standard error.
 *
 * <pre>
 * start NAME udp | tcp | tls PROTOCOL CIPHER_SUITE | dtls DEMUX BACKEND [inline] | scandium -> ok PORT
 * sink NAME true|false                                                              -> ok
 * count NAME                                  (messages received since the last count) -> ok MESSAGES
 * heap                                 (used heap after garbage collection, live threads) -> ok BYTES THREADS
 * stop NAME                                                                          -> ok
 * </pre>
 * {@code inline} runs the engine's handler on its receive thread ({@code executor(Runnable::run)}).
 * End of input stops every server and the JVM.
 */
public final class ServerHost {

	private final Map<String, BenchmarkServer> servers = new HashMap<>();

	private final InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

	private final X509Credentials credentials = SelfSignedCertificateGenerator.generateDefault();

	public static void main(String[] args) throws IOException {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		ServerHost host = new ServerHost();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			try {
				out.println("ok " + host.execute(line.trim().split(" +")));
			}
			catch (RuntimeException ex) {
				out.println("error " + ex);
			}
		}
		host.servers.values().forEach(BenchmarkServer::close);
		System.exit(0);
	}

	private String execute(String[] command) {
		return switch (command[0]) {
			case "start" -> {
				BenchmarkServer server = create(command);
				this.servers.put(command[1], server);
				yield Integer.toString(server.port());
			}
			case "sink" -> {
				server(command[1]).counter().sink(Boolean.parseBoolean(command[2]));
				yield "";
			}
			case "count" -> Long.toString(server(command[1]).counter().takeMessages());
			case "heap" -> usedHeapAfterGc() + " " + ManagementFactory.getThreadMXBean().getThreadCount();
			case "stop" -> {
				server(command[1]).close();
				this.servers.remove(command[1]);
				yield "";
			}
			default -> throw new IllegalArgumentException("Unknown command '" + command[0] + "'");
		};
	}

	private BenchmarkServer create(String[] command) {
		String kind = command[2];
		return switch (kind) {
			case "udp" -> new UdpEchoServer(this.loopback);
			case "tcp" -> new StreamEchoServer(TlsServerSockets.plain(this.loopback), "tcp");
			case "tls" -> new StreamEchoServer(
					TlsServerSockets.tls(this.loopback, this.credentials, command[3], command[4]), "tls");
			case "dtls" -> new EngineEchoServer(this.loopback, this.credentials, DemuxMode.valueOf(command[3]),
					DtlsCryptoBackend.valueOf(command[4]), command.length > 5 && command[5].equals("inline"));
			case "scandium" -> new ScandiumEchoServer(this.loopback, this.credentials);
			default -> throw new IllegalArgumentException("Unknown server kind '" + kind + "'");
		};
	}

	private BenchmarkServer server(String name) {
		BenchmarkServer server = this.servers.get(name);
		if (server == null) {
			throw new IllegalArgumentException("No server named '" + name + "'");
		}
		return server;
	}

	/**
	 * Returns the smallest used heap over a few full collections: {@code System.gc()} is a
	 * request, and a collection can leave objects that a finalizer or cleaner frees only in
	 * the next one.
	 */
	private static long usedHeapAfterGc() {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return least;
	}

}
