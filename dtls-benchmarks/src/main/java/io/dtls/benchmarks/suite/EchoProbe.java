package io.dtls.benchmarks.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.dtls.benchmarks.load.Channels;
import io.dtls.benchmarks.load.DtlsSuite;
import io.dtls.benchmarks.report.Figures;
import io.dtls.benchmarks.server.ServerHostProcess;
import io.dtls.benchmarks.stats.Samples;
import io.dtls.core.crypto.DtlsCryptoBackend;
import org.jspecify.annotations.Nullable;

/**
 * A quick A/B probe of the engine's echo against raw UDP, in the suite's arrangement (load
 * generator here, servers in a second JVM, subjects measured in turns), without writing the
 * page. To compare two builds of the engine, run it alternately on each build's class path
 * and compare the ratios to UDP, which are measured run by run.
 * <p>
 * Arguments, all optional: {@code --payloads=100,1000} (bytes), {@code --runs=5},
 * {@code --runMillis=1000} (length of each run), {@code --inline=true} (also measure the
 * engine with its handler on the receive thread), {@code --suite=ECDHE_ECDSA_AES_128_GCM} (a
 * {@link DtlsSuite}). Results go to standard output, one line per subject and payload.
 */
public final class EchoProbe {

	private static final String UDP = "udp";

	private EchoProbe() {
	}

	public static void main(String[] args) throws IOException {
		ProbeOptions options = ProbeOptions.parse(args);
		System.out.println("load average before: " + loadAverage());
		try (ServerHostProcess servers = ServerHostProcess.start()) {
			List<ProbeSubject> subjects = subjects(servers, options.inline(), options.suite());
			warmUp(subjects);
			for (int payload : options.payloads()) {
				measure(subjects, payload, options);
			}
		}
		System.out.println("load average after: " + loadAverage());
		System.exit(0);
	}

	private static List<ProbeSubject> subjects(ServerHostProcess servers, boolean inline, DtlsSuite suite) {
		List<ProbeSubject> subjects = new ArrayList<>();
		subjects.add(new ProbeSubject("UDP", start(servers, UDP, UDP), null));
		String engineKind = ScandiumEchoSection.engineServerKind(DtlsCryptoBackend.HYBRID);
		subjects.add(new ProbeSubject("engine", start(servers, "engine", engineKind), suite));
		if (inline) {
			subjects.add(new ProbeSubject("engine, inline handler", start(servers, "inline", engineKind + " inline"),
					suite));
		}
		return subjects;
	}

	private static InetSocketAddress start(ServerHostProcess servers, String name, String kind) {
		return SuiteContext.loopback(servers.startServer(name, kind));
	}

	/** Runs each subject for a few seconds, so that the JIT has compiled both sides. */
	private static void warmUp(List<ProbeSubject> subjects) throws IOException {
		for (ProbeSubject subject : subjects) {
			try (EchoSubject echo = subject.open(1000, 32)) {
				echo.measure(Duration.ofSeconds(3), false);
			}
		}
	}

	private static void measure(List<ProbeSubject> subjects, int payload, ProbeOptions options) throws IOException {
		List<EchoSubject> echoes = new ArrayList<>();
		try {
			for (ProbeSubject subject : subjects) {
				echoes.add(subject.open(payload, 32));
			}
			Duration runTime = Duration.ofMillis(options.runMillis());
			Interleaved.run(echoes, runTime, options.runs(), runTime, EchoSubject::measure);
			Samples udp = echoes.get(0).figures.roundTrips;
			for (EchoSubject echo : echoes) {
				Samples roundTrips = echo.figures.roundTrips;
				System.out.println(echo.label + ", " + payload + " B: " + Figures.counts(roundTrips)
						+ " round trips/s, " + Figures.ratio(roundTrips.ratioTo(udp)) + " UDP, loss "
						+ Figures.percent(echo.figures.loss));
			}
		}
		finally {
			for (EchoSubject echo : echoes) {
				echo.close();
			}
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	/**
	 * One server under test and how the load generator connects to it.
	 */
	private record ProbeSubject(String label, InetSocketAddress server, @Nullable DtlsSuite suite) {

		EchoSubject open(int payload, int window) throws IOException {
			Channels.ChannelOpener opener = (this.suite != null) ? Channels.dtls(this.server, this.suite)
					: Channels.udp(this.server);
			return new EchoSubject(this.label, opener.open(payload), payload, window);
		}

	}

	/**
	 * The probe's arguments.
	 */
	private record ProbeOptions(List<Integer> payloads, int runs, long runMillis, boolean inline, DtlsSuite suite) {

		static ProbeOptions parse(String[] args) {
			List<Integer> payloads = List.of(100, 1000);
			int runs = 5;
			long runMillis = 1000;
			boolean inline = true;
			DtlsSuite suite = DtlsSuite.ECDHE_ECDSA_AES_128_GCM;
			for (String arg : args) {
				String value = arg.substring(arg.indexOf('=') + 1);
				if (arg.startsWith("--payloads=")) {
					payloads = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
				}
				else if (arg.startsWith("--runs=")) {
					runs = Integer.parseInt(value);
				}
				else if (arg.startsWith("--runMillis=")) {
					runMillis = Long.parseLong(value);
				}
				else if (arg.startsWith("--inline=")) {
					inline = Boolean.parseBoolean(value);
				}
				else if (arg.startsWith("--suite=")) {
					suite = DtlsSuite.valueOf(value);
				}
				else {
					throw new IllegalArgumentException("Unknown argument '" + arg
							+ "'. Use --payloads=BYTES,..., --runs=N, --runMillis=MILLIS, --inline=true|false and --suite=NAME.");
				}
			}
			return new ProbeOptions(payloads, runs, runMillis, inline, suite);
		}

	}

}
