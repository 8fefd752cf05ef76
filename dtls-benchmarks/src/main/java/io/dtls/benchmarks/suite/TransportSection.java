package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.dtls.benchmarks.load.Channels;
import io.dtls.benchmarks.load.Channels.ChannelOpener;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.load.OneWayLoad;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.report.MarkdownTable;
import io.dtls.benchmarks.report.Verdict;
import io.dtls.benchmarks.server.DemuxModes;
import io.dtls.benchmarks.stats.Samples;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.DemuxMode;

/**
 * Raw UDP, raw TCP, TLS 1.3 and 1.2 over TCP through the JDK's JSSE, and DTLS 1.2 through the
 * engine with each demultiplexer: echo round trips and one-way throughput at each payload size.
 */
final class TransportSection {

	private static final String TLS_13_SUITE = "TLS_AES_128_GCM_SHA256";

	/** Marks the engine's rows whose handler runs on the receive thread. */
	static final String INLINE_SUFFIX = ", inline handler";

	private final SuiteContext context;

	private final MarkdownTable echoTable = new MarkdownTable("transport", "payload", "round trips/s",
			"MB/s each way", "loss", "vs UDP");

	private final MarkdownTable oneWayTable = new MarkdownTable("transport", "payload", "messages/s received",
			"MB/s", "loss", "vs UDP");

	TransportSection(SuiteContext context) {
		this.context = context;
	}

	void run() throws IOException {
		List<Transport> transports = transports();
		warmUp(transports);
		for (int payload : this.context.options().payloads()) {
			List<EchoSubject> subjects = new ArrayList<>();
			try {
				for (Transport transport : transports) {
					InetSocketAddress server = this.context.server(transport.serverName, transport.serverKind);
					subjects.add(new EchoSubject(transport.label, transport.opener.apply(server).open(payload), payload,
							this.context.options().window()));
				}
				SuiteContext.progress("transports, echo, " + payload + " B");
				Interleaved.run(subjects, this.context.options(), EchoSubject::measure);
				reportEcho(subjects, payload);
				SuiteContext.progress("transports, one way, " + payload + " B");
				reportOneWay(measureOneWay(transports, subjects, payload), payload);
			}
			finally {
				for (EchoSubject subject : subjects) {
					subject.close();
				}
			}
		}
		this.context.page().section("Transports side by side", description(), this.echoTable.toMarkdown() + "\n"
				+ "One-way throughput, the sender sending as fast as the transport accepts:\n\n"
				+ this.oneWayTable.toMarkdown());
	}

	/**
	 * Runs every transport's echo for the JIT warm-up before the first measurement: the DTLS
	 * paths of client and server take several seconds to reach their compiled speed, longer
	 * than the warm-up before each figure.
	 */
	private void warmUp(List<Transport> transports) throws IOException {
		SuiteContext.progress("transports, warm-up");
		int payload = 1000;
		for (Transport transport : transports) {
			InetSocketAddress server = this.context.server(transport.serverName, transport.serverKind);
			try (EchoSubject subject = new EchoSubject(transport.label, transport.opener.apply(server).open(payload),
					payload, this.context.options().window())) {
				subject.measure(this.context.options().jitWarmup(), false);
			}
		}
	}

	private static List<Transport> transports() {
		List<Transport> transports = new ArrayList<>();
		transports.add(new Transport("UDP", "udp", "udp", Channels::udp));
		transports.add(new Transport("TCP", "tcp", "tcp", Channels::tcp));
		transports.add(new Transport("TLS 1.3 over TCP", "tls13", "tls TLSv1.3 " + TLS_13_SUITE,
				(server) -> Channels.tls(server, "TLSv1.3", TLS_13_SUITE)));
		String tls12Suite = DtlsSuite.ECDHE_ECDSA_AES_128_GCM.ianaName();
		transports.add(new Transport("TLS 1.2 over TCP", "tls12", "tls TLSv1.2 " + tls12Suite,
				(server) -> Channels.tls(server, "TLSv1.2", tls12Suite)));
		for (DemuxMode mode : DemuxModes.measured()) {
			transports.add(new Transport(dtlsLabel(mode), engineServerName(mode), "dtls " + mode + " HYBRID",
					(server) -> Channels.dtls(server, DtlsSuite.ECDHE_ECDSA_AES_128_GCM)));
		}
		DemuxMode demux = DemuxModes.platformDefault();
		transports.add(new Transport(dtlsLabel(demux) + INLINE_SUFFIX, ScandiumEchoSection.INLINE_ENGINE,
				ScandiumEchoSection.engineServerKind(DtlsCryptoBackend.HYBRID) + " inline",
				(server) -> Channels.dtls(server, DtlsSuite.ECDHE_ECDSA_AES_128_GCM)));
		return transports;
	}

	static String dtlsLabel(DemuxMode mode) {
		return "DTLS 1.2, engine, " + mode.name().toLowerCase() + " demux";
	}

	static String engineServerName(DemuxMode mode) {
		return "dtls-" + mode.name().toLowerCase();
	}

	private List<OneWayFigures> measureOneWay(List<Transport> transports, List<EchoSubject> subjects, int payload)
			throws IOException {
		List<OneWayFigures> figures = new ArrayList<>();
		for (int i = 0; i < subjects.size(); i++) {
			figures.add(new OneWayFigures(transports.get(i).serverName, subjects.get(i)));
			this.context.servers().sink(transports.get(i).serverName, true);
		}
		Interleaved.run(figures, this.context.options(), (subject, duration, record) -> {
			this.context.servers().takeMessages(subject.serverName);
			long start = System.nanoTime();
			long sent = OneWayLoad.run(subject.echo.channel(), payload, duration);
			double seconds = (System.nanoTime() - start) / 1e9;
			pause(Duration.ofMillis(200));
			long arrived = this.context.servers().takeMessages(subject.serverName);
			if (record) {
				subject.received.add(arrived / seconds);
				subject.loss.add(Math.max(0, (double) (sent - arrived) / sent));
			}
		});
		for (Transport transport : transports) {
			this.context.servers().sink(transport.serverName, false);
		}
		return figures;
	}

	private void reportEcho(List<EchoSubject> subjects, int payload) {
		Samples udp = subjects.get(0).figures.roundTrips;
		for (EchoSubject subject : subjects) {
			EchoFigures figures = subject.figures;
			boolean lossy = subject.channel().lossy();
			Samples ratio = figures.roundTrips.ratioTo(udp);
			this.echoTable.row(subject.label, payload + " B", Figures.counts(figures.roundTrips),
					Figures.decimals(figures.megabytes, 1), lossy ? Figures.percent(figures.loss) : "-",
					Figures.ratio(ratio));
			this.context.page().chart().add(subject.label, payload, figures.roundTrips.median());
			if (subject.label.startsWith("DTLS")) {
				verdict(subject.label, payload, ratio);
			}
		}
	}

	private void verdict(String label, int payload, Samples ratio) {
		double target = (payload == 100) ? 0.9 : (payload == 1000) ? 0.85 : Double.NaN;
		if (Double.isNaN(target)) {
			return;
		}
		this.context.page().verdict(new Verdict(
				"echo round trips, " + label + ", " + payload + " B >= " + target + "x raw UDP",
				Figures.ratio(ratio), ratio.median() >= target));
	}

	private void reportOneWay(List<OneWayFigures> results, int payload) {
		Samples udp = results.get(0).received;
		for (OneWayFigures result : results) {
			boolean lossy = result.echo.channel().lossy();
			this.oneWayTable.row(result.echo.label, payload + " B", Figures.counts(result.received),
					Figures.decimal(result.received.median() * payload / 1e6, 1),
					lossy ? Figures.percent(result.loss) : "-", Figures.ratio(result.received.ratioTo(udp)));
		}
	}

	private static String description() {
		return """
				Each transport carries messages of one size between one client connection and an \
				echo server in the server JVM. Echo: 32 messages in flight; each reply is answered \
				with the next message. One way: the client sends as fast as its socket accepts \
				and the server counts what arrives; for UDP and DTLS the difference is the loss, \
				mostly datagrams the kernel dropped because the receive buffer was full. TCP and \
				TLS write each message with its own call and have the Nagle algorithm off. TLS 1.3 \
				uses TLS_AES_128_GCM_SHA256, TLS 1.2 and DTLS 1.2 use \
				TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 with a P-256 certificate. \
				The engine's handler runs on its default pool of handler threads, except in the \
				rows marked inline handler, where it runs on the receive thread \
				(`executor(Runnable::run)`; see docs/engine.md). MB/s counts payload bytes only.""";
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The one-way figures of one transport, measured on the connection of its echo test.
	 */
	private record OneWayFigures(String serverName, EchoSubject echo, Samples received, Samples loss) {

		OneWayFigures(String serverName, EchoSubject echo) {
			this(serverName, echo, new Samples(), new Samples());
		}

	}

	private record Transport(String label, String serverName, String serverKind,
			Function<InetSocketAddress, ChannelOpener> opener) {
	}

}
