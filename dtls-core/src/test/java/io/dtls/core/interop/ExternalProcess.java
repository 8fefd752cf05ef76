package io.dtls.core.interop;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool run by an interoperability test, such as {@code openssl s_client}. Its
 * stdout and stderr go together to a log file, so that a failed assertion can show the tail of
 * what the tool printed. The process is killed after {@link #MAX_LIFETIME} even if the test
 * never calls {@link #close()}.
 */
final class ExternalProcess implements AutoCloseable {

	/** The maximum time a tool may run before it is killed. */
	static final Duration MAX_LIFETIME = Duration.ofSeconds(90);

	/** The default time to wait for a tool to print an expected line or to exit. */
	static final Duration DEADLINE = Duration.ofSeconds(20);

	private static final int TAIL_LINES = 40;

	private final String name;

	private final List<String> command;

	private final Process process;

	private final Path log;

	private final OutputStream stdin;

	private ExternalProcess(String name, List<String> command, Process process, Path log) {
		this.name = name;
		this.command = command;
		this.process = process;
		this.log = log;
		this.stdin = process.getOutputStream();
	}

	/**
	 * Starts {@code command} in {@code directory}, logging its output to {@code name.log} there.
	 */
	static ExternalProcess start(Path directory, String name, List<String> command) throws IOException {
		Path log = directory.resolve(name + ".log");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		CompletableFuture.delayedExecutor(MAX_LIFETIME.toMillis(), TimeUnit.MILLISECONDS)
			.execute(process::destroyForcibly);
		return new ExternalProcess(name, List.copyOf(command), process, log);
	}

	/**
	 * Skips the calling test unless {@code binary} is an executable file on the PATH. The tests
	 * call it from {@code @BeforeEach} and not {@code @BeforeAll}, because Surefire 3.2 reports a
	 * class skipped in {@code @BeforeAll} as zero tests run, without the message.
	 */
	static void assumeOnPath(String binary, String debianPackage) {
		String path = System.getenv().getOrDefault("PATH", "");
		boolean found = false;
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, binary))) {
				found = true;
				break;
			}
		}
		Assumptions.assumeTrue(found,
				binary + " is not on the PATH; install the Debian package " + debianPackage + " to run these tests");
	}

	/**
	 * Returns a UDP port on the address {@code host} that was free a moment ago, for a tool
	 * that needs its port on the command line. Another process may take it before the tool
	 * binds it.
	 */
	static int freeUdpPort(String host) throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Writes {@code line} and a line feed to the tool's stdin.
	 */
	void writeLine(String line) throws IOException {
		this.stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.stdin.flush();
	}

	/**
	 * Closes the tool's stdin, which the tool reads as end of file.
	 */
	void closeStdin() throws IOException {
		this.stdin.close();
	}

	/**
	 * Waits until the tool's output contains {@code expected}, or the tool exits without
	 * printing it.
	 * @return whether the output contains {@code expected} within {@link #DEADLINE}
	 */
	boolean awaitOutput(String expected) throws InterruptedException {
		await(() -> output().contains(expected) || !this.process.isAlive(), DEADLINE);
		return output().contains(expected);
	}

	/**
	 * Waits until the tool's output contains one of {@code candidates}, or the tool exits.
	 * @return the first of {@code candidates} that the output contains, or {@code null} when
	 * none appeared within {@link #DEADLINE}
	 */
	@Nullable String awaitAnyOutput(String... candidates) throws InterruptedException {
		await(() -> findAny(output(), candidates) != null || !this.process.isAlive(), DEADLINE);
		return findAny(output(), candidates);
	}

	private static @Nullable String findAny(String output, String... candidates) {
		for (String candidate : candidates) {
			if (output.contains(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Waits until the tool exits.
	 * @return whether it did within {@link #DEADLINE}
	 */
	boolean awaitExit() throws InterruptedException {
		return this.process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
	}

	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Returns everything the tool printed so far, stdout and stderr interleaved.
	 */
	String output() {
		try {
			return new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex + ")";
		}
	}

	/**
	 * Describes the tool for an assertion message: its command line and the last lines it
	 * printed.
	 */
	String describe() {
		List<String> lines = output().lines().toList();
		List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
		return this.name + " " + String.join(" ", this.command) + "\n--- last " + tail.size() + " lines of "
				+ this.log.getFileName() + " ---\n" + String.join("\n", tail) + "\n---";
	}

	/**
	 * Asks the tool to stop and kills it if it is still running after five seconds.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			this.stdin.close();
		}
		catch (IOException ex) {
			// The tool already exited, so its stdin is closed.
		}
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * Polls {@code condition} every 50 ms until it is true or {@code timeout} passes.
	 * @return whether the condition became true
	 */
	static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

}
