package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.dtls.benchmarks.load.DtlsDialer;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.load.HandshakeLoad;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.server.DemuxModes;
import io.dtls.benchmarks.server.ServerHostProcess;
import io.dtls.core.crypto.DtlsCryptoBackend;
import io.dtls.core.demux.DemuxMode;

/**
 * A quick probe of handshakes per second, the engine against Scandium, in the suite's
 * arrangement (load generator here, servers in a second JVM, subjects measured in turns),
 * without writing the page. It serves to compare builds of the engine, and it counts failed
 * handshakes per server.
 * <p>
 * Arguments, all optional: {@code --suite=PSK_AES_128_CCM_8} (a {@link DtlsSuite}),
 * {@code --demux=CONNECTED} (the engine's demultiplexer; the platform's default),
 * {@code --backend=HYBRID} (the engine's crypto back-end), {@code --clients=4},
 * {@code --runs=5}, {@code --runMillis=5000} (the length of each run, and of each server's
 * warm-up). Results go to standard output.
 */
public final class HandshakeProbe {

	private HandshakeProbe() {
	}

	public static void main(String[] args) throws IOException {
		ProbeOptions options = ProbeOptions.parse(args);
		try (ServerHostProcess servers = ServerHostProcess.start()) {
			InetSocketAddress engine = SuiteContext.loopback(
					servers.startServer("engine", "dtls " + options.demux() + " " + options.backend()));
			InetSocketAddress scandium = SuiteContext
				.loopback(servers.startServer(ScandiumEchoSection.SCANDIUM, ScandiumEchoSection.SCANDIUM));
			List<Subject> subjects = List.of(new Subject(new DtlsDialer(engine, options.suite()), new HandshakeRates("the engine")),
					new Subject(new DtlsDialer(scandium, options.suite()), new HandshakeRates("Scandium")));
			Duration runTime = Duration.ofMillis(options.runMillis());
			Interleaved.run(subjects, runTime, options.runs(), runTime,
					(subject, duration, record) -> subject.rates()
						.add(HandshakeLoad.run(subject.dialer(), options.clients(), duration), record));
			HandshakeRates ours = subjects.get(0).rates();
			HandshakeRates theirs = subjects.get(1).rates();
			System.out.println(options.suite() + ", " + options.clients() + " clients: engine "
					+ Figures.counts(ours.perSecond) + " handshakes/s (" + ours.failed() + " failed), Scandium "
					+ Figures.counts(theirs.perSecond) + " (" + theirs.failed() + " failed), engine / Scandium "
					+ Figures.ratio(ours.perSecond.ratioTo(theirs.perSecond)));
		}
		System.exit(0);
	}

	private record Subject(DtlsDialer dialer, HandshakeRates rates) {
	}

	/**
	 * The probe's arguments.
	 */
	private record ProbeOptions(DtlsSuite suite, DemuxMode demux, DtlsCryptoBackend backend, int clients, int runs,
			long runMillis) {

		static ProbeOptions parse(String[] args) {
			DtlsSuite suite = DtlsSuite.PSK_AES_128_CCM_8;
			DemuxMode demux = DemuxModes.platformDefault();
			DtlsCryptoBackend backend = DtlsCryptoBackend.HYBRID;
			int clients = 4;
			int runs = 5;
			long runMillis = 5000;
			for (String arg : args) {
				String value = arg.substring(arg.indexOf('=') + 1);
				if (arg.startsWith("--suite=")) {
					suite = DtlsSuite.valueOf(value);
				}
				else if (arg.startsWith("--demux=")) {
					demux = DemuxMode.valueOf(value);
				}
				else if (arg.startsWith("--backend=")) {
					backend = DtlsCryptoBackend.valueOf(value);
				}
				else if (arg.startsWith("--clients=")) {
					clients = Integer.parseInt(value);
				}
				else if (arg.startsWith("--runs=")) {
					runs = Integer.parseInt(value);
				}
				else if (arg.startsWith("--runMillis=")) {
					runMillis = Long.parseLong(value);
				}
				else {
					throw new IllegalArgumentException("Unknown argument '" + arg
							+ "'. Use --suite=NAME, --demux=ROUTER|CONNECTED, --backend=HYBRID|JCA|BC, --clients=N, --runs=N and --runMillis=MILLIS.");
				}
			}
			if (clients < 1 || runs < 1 || runMillis < 1) {
				throw new IllegalArgumentException("Invalid --clients=" + clients + ", --runs=" + runs + " or --runMillis="
						+ runMillis + ": each must be at least 1");
			}
			return new ProbeOptions(suite, demux, backend, clients, runs, runMillis);
		}

	}

}
