package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.dtls.benchmarks.load.Channels;
import io.dtls.benchmarks.load.DtlsDialer;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.load.HandshakeLoad;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.report.MarkdownTable;
import io.dtls.benchmarks.stats.Samples;
import io.dtls.core.crypto.DtlsCryptoBackend;

/**
 * The engine's crypto back-ends on the server side, the load generator's client staying the
 * same: echo round trips with AES-128-GCM records, and ECDHE-ECDSA handshakes.
 */
final class CryptoBackendSection {

	private static final int PAYLOAD = 1000;

	private static final int HANDSHAKE_CLIENTS = 4;

	private final SuiteContext context;

	CryptoBackendSection(SuiteContext context) {
		this.context = context;
	}

	void run() throws IOException {
		List<BackendSubject> subjects = new ArrayList<>();
		for (DtlsCryptoBackend backend : DtlsCryptoBackend.values()) {
			InetSocketAddress server = (backend == DtlsCryptoBackend.HYBRID) ? ScandiumEchoSection.engineServer(this.context)
					: this.context.server("dtls-" + backend, ScandiumEchoSection.engineServerKind(backend));
			subjects.add(new BackendSubject(backend, server, new HandshakeRates("the " + backend + " back-end")));
		}
		SuiteContext.progress("crypto back-ends, echo");
		List<EchoSubject> echoes = new ArrayList<>();
		try {
			for (BackendSubject subject : subjects) {
				echoes.add(new EchoSubject(subject.backend.name(),
						Channels.dtls(subject.server, DtlsSuite.ECDHE_ECDSA_AES_128_GCM).open(PAYLOAD), PAYLOAD,
						this.context.options().window()));
			}
			Interleaved.run(echoes, this.context.options(), EchoSubject::measure);
		}
		finally {
			for (EchoSubject echo : echoes) {
				echo.close();
			}
		}
		SuiteContext.progress("crypto back-ends, handshakes");
		Interleaved.run(subjects, this.context.options(), (subject, duration, record) -> {
			subject.handshakes.add(HandshakeLoad.run(new DtlsDialer(subject.server, DtlsSuite.ECDHE_ECDSA_AES_128_GCM),
					HANDSHAKE_CLIENTS, duration), record);
		});
		report(subjects, echoes);
	}

	private void report(List<BackendSubject> subjects, List<EchoSubject> echoes) {
		MarkdownTable table = new MarkdownTable("server back-end", "echo round trips/s, 1,000 B",
				"vs HYBRID", "handshakes/s, 4 clients", "vs HYBRID", "failed handshakes");
		Samples echoBaseline = echoes.get(0).figures.roundTrips;
		Samples handshakeBaseline = subjects.get(0).handshakes.perSecond;
		for (int i = 0; i < subjects.size(); i++) {
			Samples roundTrips = echoes.get(i).figures.roundTrips;
			HandshakeRates handshakes = subjects.get(i).handshakes;
			table.row("`" + subjects.get(i).backend + "`", Figures.counts(roundTrips),
					Figures.ratio(roundTrips.ratioTo(echoBaseline)), Figures.counts(handshakes.perSecond),
					Figures.ratio(handshakes.perSecond.ratioTo(handshakeBaseline)), Long.toString(handshakes.failed()));
		}
		this.context.page().section("Crypto back-ends", """
				The engine's server with each `DtlsCryptoBackend`: `HYBRID` (the default: Bouncy \
				Castle's BcTlsCrypto for key exchange and signatures, the JCA for hashes, the PRF and AES records), \
				`JCA` (Bouncy Castle's JcaTlsCrypto alone) and `BC` (BcTlsCrypto alone). The load \
				generator's client is the same for all three. Echo with 1,000-byte payloads and 32 \
				messages in flight over TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256; full ECDHE-ECDSA \
				P-256 handshakes with four concurrent clients.""", table.toMarkdown());
	}

	private record BackendSubject(DtlsCryptoBackend backend, InetSocketAddress server, HandshakeRates handshakes) {
	}

}
