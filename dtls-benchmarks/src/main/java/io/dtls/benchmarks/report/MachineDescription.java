package io.dtls.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.dtls.core.crypto.BouncyCastleVersion;

/**
 * The machine and software a run measured, read from the JVM and from Linux's {@code /proc}
 * and {@code /etc/os-release}; a field that cannot be read is "unknown".
 */
public final class MachineDescription {

	private MachineDescription() {
	}

	public static MarkdownTable table() {
		return new MarkdownTable("what", "value")
			.row("CPU", cpuModel())
			.row("processors available to the JVM", Integer.toString(Runtime.getRuntime().availableProcessors()))
			.row("memory", memory())
			.row("operating system", operatingSystem())
			.row("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
			.row("Bouncy Castle", BouncyCastleVersion.describe())
			.row("Californium Scandium", "3.14.0");
	}

	private static String cpuModel() {
		return procLine("/proc/cpuinfo", "model name").orElse("unknown");
	}

	private static String memory() {
		return procLine("/proc/meminfo", "MemTotal")
			.map((total) -> String.format(Locale.ROOT, "%.1f GiB",
					Long.parseLong(total.replaceAll("[^0-9]", "")) / (1024.0 * 1024.0)))
			.orElse("unknown");
	}

	private static String operatingSystem() {
		String release = readLines("/etc/os-release").stream()
			.filter((line) -> line.startsWith("PRETTY_NAME="))
			.map((line) -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
			.findFirst()
			.orElse(System.getProperty("os.name"));
		return release + ", kernel " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
	}

	private static Optional<String> procLine(String file, String key) {
		return readLines(file).stream()
			.filter((line) -> line.startsWith(key))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst();
	}

	private static List<String> readLines(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
