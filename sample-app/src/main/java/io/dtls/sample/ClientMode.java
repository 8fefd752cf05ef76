package io.dtls.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.dtls.spring.core.DtlsTemplate;
import io.dtls.spring.listener.DtlsListener;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Client mode, active with the {@code client} profile: sends each command-line argument, or
 * each line typed on standard input when there are none, to {@code sample.target}, prints
 * every message the server sends back, and exits.
 * <p>
 * A server may send more than one message for a line, such as a pushed command before the
 * acknowledgement, so replies are not paired with requests: each line waits for the first
 * message, then briefly for more.
 */
@Component
@Profile("client")
class ClientMode implements ApplicationRunner {

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration FOLLOW_UP_WAIT = Duration.ofMillis(300);

	private final DtlsTemplate template;

	private final SampleProperties properties;

	private final ConfigurableApplicationContext context;

	private final Semaphore replies = new Semaphore(0);

	ClientMode(DtlsTemplate template, SampleProperties properties, ConfigurableApplicationContext context) {
		this.template = template;
		this.properties = properties;
		this.context = context;
	}

	/**
	 * Prints a message from the server; in client mode every received message comes here.
	 */
	@DtlsListener(id = "client-replies")
	void print(String message) {
		System.out.println(message.strip());
		this.replies.release();
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		List<String> lines = arguments.getNonOptionArgs();
		int failures = 0;
		if (!lines.isEmpty()) {
			for (String line : lines) {
				failures += send(line);
			}
		}
		else {
			BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = input.readLine()) != null) {
				if (!line.isBlank()) {
					failures += send(line);
				}
			}
		}
		int exitCode = (failures == 0) ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, () -> exitCode));
	}

	private int send(String line) throws InterruptedException {
		this.replies.drainPermits();
		try {
			this.template.send(this.properties.getTarget(), line.getBytes(StandardCharsets.UTF_8)).get();
		}
		catch (ExecutionException ex) {
			System.err.println("Sending to " + this.properties.getTarget() + " failed: " + ex.getCause().getMessage());
			return 1;
		}
		if (!this.replies.tryAcquire(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			System.err.println("No reply from " + this.properties.getTarget() + " within " + REPLY_TIMEOUT);
			return 1;
		}
		// Further messages for the same line, such as an acknowledgement after a pushed command.
		while (this.replies.tryAcquire(FOLLOW_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
			// Each message was printed by the listener.
		}
		return 0;
	}

}
