package io.dtls.benchmarks.load;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends messages over one channel as fast as it accepts them, for a fixed time. The server
 * counts what arrives; on UDP and DTLS the difference is loss.
 */
public final class OneWayLoad {

	private OneWayLoad() {
	}

	/**
	 * Sends for {@code duration} and returns the number of messages sent.
	 */
	public static long run(MessageChannel channel, int payloadSize, Duration duration) throws IOException {
		byte[] message = new byte[payloadSize];
		long end = System.nanoTime() + duration.toNanos();
		long sent = 0;
		do {
			for (int i = 0; i < 64; i++) {
				channel.send(message);
			}
			sent += 64;
		}
		while (System.nanoTime() < end);
		return sent;
	}

}
