package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import io.dtls.benchmarks.load.DtlsDialer;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.load.HandshakeLoad;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.report.MarkdownTable;
import io.dtls.benchmarks.report.Verdict;
import io.dtls.benchmarks.stats.Samples;

/**
 * Full handshakes per second, cookie exchange included, against the engine and Scandium, with
 * one and with four concurrent clients.
 */
final class HandshakeSection {

	private static final List<Integer> CLIENTS = List.of(1, 4);

	private final SuiteContext context;

	private final MarkdownTable table = new MarkdownTable("suite", "clients", "engine handshakes/s",
			"Scandium handshakes/s", "engine / Scandium", "failed (engine, Scandium)");

	HandshakeSection(SuiteContext context) {
		this.context = context;
	}

	void run() throws IOException {
		InetSocketAddress engine = ScandiumEchoSection.engineServer(this.context);
		InetSocketAddress scandium = this.context.server(ScandiumEchoSection.SCANDIUM, ScandiumEchoSection.SCANDIUM);
		for (DtlsSuite suite : DtlsSuite.values()) {
			for (int clients : CLIENTS) {
				SuiteContext.progress("handshakes, " + suite + ", " + clients + " clients");
				HandshakeRates ours = new HandshakeRates("the engine");
				HandshakeRates theirs = new HandshakeRates("Scandium");
				List<HandshakeSubject> subjects = List.of(new HandshakeSubject(new DtlsDialer(engine, suite), ours),
						new HandshakeSubject(new DtlsDialer(scandium, suite), theirs));
				Interleaved.run(subjects, this.context.options(), (subject, duration, record) -> {
					subject.rates.add(HandshakeLoad.run(subject.dialer, clients, duration), record);
				});
				report(suite, clients, ours, theirs);
			}
		}
		this.context.page().section("Handshakes per second", """
				Each client thread connects, closes with close_notify and connects again from a \
				new port, so every handshake is a full one through the cookie exchange \
				(HelloVerifyRequest), on both servers. ECDHE-ECDSA uses P-256 for both the key \
				exchange and the server's signature. The client's own EC work runs on Bouncy \
				Castle's BcTlsCrypto, on the same two cores as the server. A client gives up a \
				handshake after 15 s; the last column counts those failures over all runs, \
				warm-up included, and a failed handshake is not retried.""", this.table.toMarkdown());
	}

	private void report(DtlsSuite suite, int clients, HandshakeRates ours, HandshakeRates theirs) {
		Samples ratio = ours.perSecond.ratioTo(theirs.perSecond);
		this.table.row(suite.ianaName(), Integer.toString(clients), Figures.counts(ours.perSecond),
				Figures.counts(theirs.perSecond), Figures.ratio(ratio), ours.failed() + ", " + theirs.failed());
		double target = (suite == DtlsSuite.PSK_AES_128_CCM_8) ? 1.2 : 1.5;
		this.context.page().verdict(new Verdict("handshakes/s, " + suite.ianaName() + ", " + clients
				+ ((clients == 1) ? " client" : " clients") + " >= " + target + "x Scandium", Figures.ratio(ratio),
				ratio.median() >= target));
	}

	private record HandshakeSubject(DtlsDialer dialer, HandshakeRates rates) {
	}

}
