package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtls.benchmarks.load.Channels;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.report.MarkdownTable;
import io.dtls.benchmarks.report.Verdict;
import io.dtls.benchmarks.stats.Samples;
import io.dtls.benchmarks.server.DemuxModes;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.DemuxMode;

/**
 * The engine against Scandium's {@code DTLSConnector} as echo servers, driven by the same
 * client with the same suite, payload and window: round trips per second and latency.
 */
final class ScandiumEchoSection {

	static final String SCANDIUM = "scandium";

	/** The server name of the engine with its handler on the receive thread. */
	static final String INLINE_ENGINE = "dtls-inline";

	private static final List<Integer> PAYLOADS = List.of(100, 1000);

	private static final String ENGINE = "engine";

	private static final String ENGINE_INLINE = "engine" + TransportSection.INLINE_SUFFIX;

	private final SuiteContext context;

	private final MarkdownTable table = new MarkdownTable("suite", "payload", "server", "round trips/s",
			"p50 latency µs", "p99 latency µs", "loss", "engine / Scandium");

	ScandiumEchoSection(SuiteContext context) {
		this.context = context;
	}

	void run() throws IOException {
		InetSocketAddress engine = engineServer(this.context);
		InetSocketAddress inline = this.context.server(INLINE_ENGINE,
				engineServerKind(DtlsCryptoBackend.HYBRID) + " inline");
		InetSocketAddress scandium = this.context.server(SCANDIUM, SCANDIUM);
		for (DtlsSuite suite : DtlsSuite.values()) {
			for (int payload : PAYLOADS) {
				SuiteContext.progress("engine and Scandium, echo, " + suite + ", " + payload + " B");
				int window = this.context.options().window();
				try (EchoSubject ours = new EchoSubject(ENGINE, Channels.dtls(engine, suite).open(payload), payload,
						window);
						EchoSubject oursInline = new EchoSubject(ENGINE_INLINE,
								Channels.dtls(inline, suite).open(payload), payload, window);
						EchoSubject theirs = new EchoSubject("Scandium", Channels.dtls(scandium, suite).open(payload),
								payload, window)) {
					Interleaved.run(List.of(ours, oursInline, theirs), this.context.options(), EchoSubject::measure);
					report(suite, payload, List.of(ours, oursInline), theirs);
				}
			}
		}
		this.context.page().section("The engine against Scandium: echo", "The engine (default settings, "
				+ DemuxModes.platformDefault().name().toLowerCase() + " demux; once more with its handler on the"
				+ " receive thread, `executor(Runnable::run)`) and " + """
				Scandium's DTLSConnector (default \
				threads: one receiver, one connector thread) run as echo servers in the server JVM. \
				The same Bouncy Castle client drives all three, with 32 messages in flight. Latency is \
				the round trip of each message, which with a full window includes the time it \
				waits behind the 31 others.""", this.table.toMarkdown());
	}

	/**
	 * Returns the engine server that stands for "ours" in comparisons: the default demux and
	 * crypto back-end.
	 */
	static InetSocketAddress engineServer(SuiteContext context) {
		DemuxMode demux = DemuxModes.platformDefault();
		return context.server(TransportSection.engineServerName(demux), engineServerKind(DtlsCryptoBackend.HYBRID));
	}

	/**
	 * Returns the server kind of the engine with its default demux and the given back-end.
	 */
	static String engineServerKind(DtlsCryptoBackend backend) {
		return "dtls " + DemuxModes.platformDefault() + " " + backend;
	}

	private void report(DtlsSuite suite, int payload, List<EchoSubject> ours, EchoSubject theirs) {
		Map<String, Double> medians = new LinkedHashMap<>();
		for (EchoSubject engine : ours) {
			Samples ratio = engine.figures.roundTrips.ratioTo(theirs.figures.roundTrips);
			row(suite, payload, engine.label, engine.figures, Figures.ratio(ratio));
			medians.put(engine.label, engine.figures.roundTrips.median());
			String variant = engine.label.equals(ENGINE) ? "" : TransportSection.INLINE_SUFFIX;
			this.context.page().verdict(new Verdict("echo round trips, " + suite.ianaName() + variant + ", "
					+ payload + " B >= 1.5x Scandium", Figures.ratio(ratio), ratio.median() >= 1.5));
		}
		row(suite, payload, theirs.label, theirs.figures, "");
		medians.put(theirs.label, theirs.figures.roundTrips.median());
		this.context.page().chart().compare(suite.ianaName() + ", " + payload + " B", medians);
	}

	private void row(DtlsSuite suite, int payload, String server, EchoFigures figures, String ratio) {
		this.table.row(suite.ianaName(), payload + " B", server, Figures.counts(figures.roundTrips),
				Figures.counts(figures.p50Micros), Figures.counts(figures.p99Micros), Figures.percent(figures.loss),
				ratio);
	}

}
