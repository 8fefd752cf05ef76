package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtls.benchmarks.load.DtlsDialer;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.load.IdleConnections;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.report.MarkdownTable;
import io.dtls.benchmarks.report.Verdict;
import io.dtls.benchmarks.server.ServerHostProcess;
import io.dtls.benchmarks.server.ServerHostProcess.HeapReading;
import io.dtls.benchmarks.stats.Samples;
import io.dtls.core.crypto.DtlsCryptoBackend;

/**
 * Retained heap and threads per established idle connection, engine against Scandium, each
 * server alone in a fresh JVM.
 */
final class MemorySection {

	private static final String ENGINE = "engine";

	/** Server names on the page, and their kinds in the server JVM. */
	private static final Map<String, String> SERVERS = new LinkedHashMap<>();

	static {
		SERVERS.put(ENGINE, ScandiumEchoSection.engineServerKind(DtlsCryptoBackend.HYBRID));
		SERVERS.put("Scandium", ScandiumEchoSection.SCANDIUM);
	}

	private static final int HANDSHAKE_THREADS = 4;

	private final SuiteContext context;

	private final Map<String, ConnectionFigures> figures = new LinkedHashMap<>();

	MemorySection(SuiteContext context) {
		this.context = context;
	}

	void run() throws IOException {
		List<Integer> counts = this.context.options().connectionCounts();
		for (int run = 0; run < this.context.options().memoryRuns(); run++) {
			for (int count : counts) {
				for (Map.Entry<String, String> server : SERVERS.entrySet()) {
					SuiteContext.progress("memory, " + server.getKey() + ", " + count + " connections, run " + (run + 1));
					measure(server.getKey(), server.getValue(), count);
				}
			}
		}
		report(counts);
	}

	private void measure(String server, String kind, int count) throws IOException {
		ConnectionFigures figures = this.figures.computeIfAbsent(server + " " + count, (key) -> new ConnectionFigures());
		try (ServerHostProcess host = ServerHostProcess.start()) {
			int port = host.startServer("server", kind);
			HeapReading baseline = host.heap();
			DtlsDialer dialer = new DtlsDialer(SuiteContext.loopback(port), DtlsSuite.ECDHE_ECDSA_AES_128_GCM);
			try (IdleConnections connections = IdleConnections.open(dialer, count, HANDSHAKE_THREADS)) {
				HeapReading handshaken = host.heap();
				int missing = connections.exchangeOnce();
				Thread.sleep(1000);
				HeapReading exchanged = host.heap();
				figures.afterHandshake.add((handshaken.usedBytes() - baseline.usedBytes()) / (double) count);
				figures.afterExchange.add((exchanged.usedBytes() - baseline.usedBytes()) / (double) count);
				figures.baselineThreads.add(baseline.threads());
				figures.threads.add(exchanged.threads());
				figures.missingEchoes.add(missing);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted", ex);
			}
		}
	}

	private void report(List<Integer> counts) {
		MarkdownTable table = new MarkdownTable("server", "idle connections", "heap per connection after handshake",
				"heap per connection after one exchange", "threads without connections", "threads with connections", "echoes missing");
		for (int count : counts) {
			for (String server : SERVERS.keySet()) {
				ConnectionFigures figures = this.figures.get(server + " " + count);
				table.row(server, Figures.count(count), kibibytes(figures.afterHandshake),
						kibibytes(figures.afterExchange), Figures.counts(figures.baselineThreads),
						Figures.counts(figures.threads), Figures.counts(figures.missingEchoes));
			}
		}
		int largest = counts.get(counts.size() - 1);
		int smallest = counts.get(0);
		ConnectionFigures engineLargest = this.figures.get(ENGINE + " " + largest);
		ConnectionFigures engineSmallest = this.figures.get(ENGINE + " " + smallest);
		this.context.page().verdict(new Verdict("heap per connection after the handshake <= 4 KiB ("
				+ Figures.count(largest) + " connections)", kibibytes(engineLargest.afterHandshake),
				engineLargest.afterHandshake.median() <= 4096));
		this.context.page().verdict(new Verdict("heap per connection once handshake state is released <= 2 KiB ("
				+ Figures.count(largest) + " connections)", kibibytes(engineLargest.afterExchange),
				engineLargest.afterExchange.median() <= 2048));
		double addedThreads = engineLargest.threads.median() - engineSmallest.threads.median();
		// Pool threads come and go with the handshake load, so a few more or less are noise.
		// A thread per connection would add one for each of the extra connections.
		this.context.page().verdict(new Verdict("no thread per connection", Figures.decimal(addedThreads, 0)
				+ " threads more with " + Figures.count(largest) + " than with " + Figures.count(smallest)
				+ " connections", addedThreads < (largest - smallest) / 100.0));
		this.context.page().section("Memory and threads per idle connection", """
				Each server runs alone in a fresh JVM (1 GiB fixed heap, G1). The load generator \
				opens N connections with ECDHE-ECDSA and AES-128-GCM, four handshakes at a time, \
				and keeps them open and idle. The server JVM reports its used heap after full \
				garbage collections (the least of four) before the first connection, once all N \
				handshakes have completed, and again after the client has sent one message on \
				each connection and received its echo and a further second has passed. That \
				exchange tells a server that the client has its last handshake flight, so it may \
				drop what it kept to retransmit it. Figures are the heap growth divided by N, in \
				KiB (1,024 bytes); threads are all live threads of the server JVM.""",
				table.toMarkdown());
	}

	private static String kibibytes(Samples bytes) {
		return Figures.decimals(bytes.scaled(1.0 / 1024), 2) + " KiB";
	}

	/**
	 * The figures of one server at one number of connections.
	 */
	private static final class ConnectionFigures {

		final Samples afterHandshake = new Samples();

		final Samples afterExchange = new Samples();

		final Samples baselineThreads = new Samples();

		final Samples threads = new Samples();

		final Samples missingEchoes = new Samples();

	}

}
