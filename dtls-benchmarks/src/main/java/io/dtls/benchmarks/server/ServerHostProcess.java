package io.dtls.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on a {@link ServerHost} JVM, started on the harness's own class path.
 * Servers in it share no heap and no threads with the load generator, so the heap and thread
 * figures it reports are the servers' alone.
 */
public final class ServerHostProcess implements AutoCloseable {

	/** Fixed, so that heap sizing does not change between runs. */
	private static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");

	private final Process process;

	private final PrintStream commands;

	private final BufferedReader replies;

	private ServerHostProcess(Process process) {
		this.process = process;
		this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Starts a server JVM. The system property {@code bench.serverJvmOptions} adds options,
	 * space-separated, such as {@code -XX:StartFlightRecording=filename=server.jfr} to profile
	 * the servers.
	 */
	public static ServerHostProcess start() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		String extra = System.getProperty("bench.serverJvmOptions", "").trim();
		if (!extra.isEmpty()) {
			command.addAll(Arrays.asList(extra.split(" +")));
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerHost.class.getName()));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			return new ServerHostProcess(process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Starting the server JVM failed", ex);
		}
	}

	/**
	 * Starts a server named {@code name}, such as {@code udp} or {@code dtls ROUTER HYBRID}
	 * (see {@link ServerHost}), and returns its port.
	 */
	public int startServer(String name, String kind) {
		return Integer.parseInt(request("start " + name + " " + kind));
	}

	public void sink(String name, boolean sink) {
		request("sink " + name + " " + sink);
	}

	/** Returns the messages the server received since the last call. */
	public long takeMessages(String name) {
		return Long.parseLong(request("count " + name));
	}

	public void stopServer(String name) {
		request("stop " + name);
	}

	/** Returns the used heap after garbage collection and the number of live threads. */
	public HeapReading heap() {
		String[] values = request("heap").split(" ");
		return new HeapReading(Long.parseLong(values[0]), Integer.parseInt(values[1]));
	}

	private String request(String command) {
		this.commands.println(command);
		String reply;
		try {
			// The JVM itself may print to standard output too, such as Flight Recorder's start.
			do {
				reply = this.replies.readLine();
			}
			while (reply != null && !reply.startsWith("ok") && !reply.startsWith("error"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading the server JVM's reply to '" + command + "' failed", ex);
		}
		if (reply == null) {
			throw new IllegalStateException("Server JVM exited while running '" + command + "'");
		}
		if (!reply.startsWith("ok")) {
			throw new IllegalStateException("Server JVM failed '" + command + "': " + reply);
		}
		return reply.substring(2).trim();
	}

	@Override
	public void close() {
		this.commands.close();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Used heap in bytes after garbage collection, and live threads, of the server JVM.
	 */
	public record HeapReading(long usedBytes, int threads) {
	}

}
