package io.dtls.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.dtls.benchmarks.BenchmarkOptions;

/**
 * docs/benchmarks.md as the suite fills it: sections in the order they ran, target verdicts
 * collected from all of them, the chart, and the profile findings kept beside this class.
 */
public final class BenchmarkPage {

	/** The command that runs the suite, from the repository root. */
	public static final String COMMAND = "./mvnw -B -Pbenchmarks -pl dtls-benchmarks -am verify -DskipTests";

	static final String CHART_FILE = "benchmarks-echo.svg";

	private final List<String> sections = new ArrayList<>();

	private final List<Verdict> verdicts = new ArrayList<>();

	private final EchoChart chart = new EchoChart();

	public EchoChart chart() {
		return this.chart;
	}

	public void verdict(Verdict verdict) {
		this.verdicts.add(verdict);
	}

	/**
	 * Adds a section: a heading, a paragraph on how it was measured, and its tables.
	 */
	public void section(String title, String method, String tables) {
		this.sections.add("## " + title + "\n\n" + method + "\n\n" + tables);
	}

	/**
	 * Writes the page and the chart into {@code options.docs()}.
	 */
	public void write(BenchmarkOptions options, Duration elapsed) throws IOException {
		Files.createDirectories(options.docs());
		Files.writeString(options.docs().resolve(CHART_FILE), this.chart.toSvg());
		Files.writeString(options.docs().resolve("benchmarks.md"), toMarkdown(options, elapsed));
	}

	private String toMarkdown(BenchmarkOptions options, Duration elapsed) throws IOException {
		StringBuilder page = new StringBuilder();
		page.append("# Benchmarks\n\n");
		page.append("""
				This page is written by the benchmark suite in `dtls-benchmarks`. It compares the \
				engine with plain UDP, TCP and TLS, and with Eclipse Californium Scandium, on \
				loopback. The machine is shared with other work and noisy, so every figure is the \
				median of several runs with the lowest and highest run in brackets, and every \
				comparison is a ratio to a baseline measured in the same run, in turns with the \
				subject.
				""");
		if (options.quick()) {
			page.append("\n**Quick mode**: two short runs per figure, a smoke test of the suite. "
					+ "Run the full suite for figures worth comparing; the method below describes it.\n");
		}
		page.append("\n## Running it\n\nFrom the repository root (about twenty minutes on two cores; the build"
				+ " runs no tests):\n\n```bash\n")
			.append(COMMAND)
			.append("\n```\n\nAdd `-Dbench.quick=true` for a smoke run of about three minutes, and "
					+ "`-Dbench.serverJvmOptions=-XX:StartFlightRecording=filename=server.jfr` to profile "
					+ "the servers with JDK Flight Recorder. The suite rewrites this page and "
					+ "`docs/" + CHART_FILE + "`.\n\n")
			.append("This run: ")
			.append(LocalDate.now(ZoneOffset.UTC))
			.append(", ")
			.append(elapsed.toMinutes())
			.append(" min ")
			.append(elapsed.toSecondsPart())
			.append(" s.\n\n");
		page.append("## Machine\n\n").append(MachineDescription.table().toMarkdown()).append('\n');
		page.append("## Targets\n\n");
		MarkdownTable targets = new MarkdownTable("target", "measured: median (min-max)", "outcome");
		this.verdicts.forEach((verdict) -> targets.row(verdict.target(), verdict.measured(), verdict.outcome()));
		page.append(targets.toMarkdown()).append('\n');
		page.append("![Echo round trips per second by transport and payload, and the engine against Scandium](")
			.append(CHART_FILE)
			.append(")\n\n");
		this.sections.forEach((section) -> page.append(section).append('\n'));
		page.append(resource("method.md")).append('\n');
		page.append(resource("profile-findings.md"));
		return page.toString();
	}

	private static String resource(String name) throws IOException {
		try (InputStream input = BenchmarkPage.class.getResourceAsStream(name)) {
			if (input == null) {
				throw new IOException("Resource " + name + " is missing beside " + BenchmarkPage.class.getName());
			}
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
