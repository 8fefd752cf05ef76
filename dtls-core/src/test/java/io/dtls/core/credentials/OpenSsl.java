package io.dtls.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command-line tool in a test directory, to produce real-world PEM and PKCS12 files. */
final class OpenSsl {

	private static final long TIMEOUT_SECONDS = 60;

	private OpenSsl() {
	}

	/**
	 * Runs {@code openssl} with the arguments in {@code directory} and returns its standard output.
	 * Fails the test if the command exits with a non-zero status or runs longer than 60 seconds.
	 */
	static String run(Path directory, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		Path errorFile = Files.createTempFile(directory, "openssl-", ".err");
		Process process = new ProcessBuilder(command)
				.directory(directory.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectError(errorFile.toFile())
				.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		String errors = Files.readString(errorFile);
		assertThat(finished).as("openssl %s finished within %d s", command, TIMEOUT_SECONDS).isTrue();
		assertThat(process.exitValue()).as("exit status of %s, stderr: %s", command, errors).isZero();
		return output;
	}
}
