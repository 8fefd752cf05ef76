package io.dtls.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.dtls.spring.core.DtlsTemplate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Client mode, active with the {@code client} profile: sends each command-line argument, or
 * each line typed on standard input when there are none, to {@code sample.target} and prints
 * the reply, then exits.
 */
@Component
@Profile("client")
class ClientMode implements ApplicationRunner {

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

	private final DtlsTemplate template;

	private final SampleProperties properties;

	private final ConfigurableApplicationContext context;

	ClientMode(DtlsTemplate template, SampleProperties properties, ConfigurableApplicationContext context) {
		this.template = template;
		this.properties = properties;
		this.context = context;
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
		try {
			byte[] reply = this.template
				.sendAndReceive(this.properties.getTarget(), line.getBytes(StandardCharsets.UTF_8), REPLY_TIMEOUT)
				.get();
			System.out.println(new String(reply, StandardCharsets.UTF_8));
			return 0;
		}
		catch (ExecutionException ex) {
			System.err.println("No reply from " + this.properties.getTarget() + ": " + ex.getCause().getMessage());
			return 1;
		}
	}

}
