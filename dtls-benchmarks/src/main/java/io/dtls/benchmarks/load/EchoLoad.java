package io.dtls.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import io.dtls.benchmarks.stats.LatencyRecorder;

/**
 * Echo round trips over one channel with a fixed window of messages in flight: each reply is
 * answered with the next message. A message carries its sequence number in its first eight
 * bytes, which times its round trip and tells replies of an earlier run apart.
 * <p>
 * On a lossy channel a lost message shrinks the window, so after 100 ms without a reply the
 * load generator counts the window as lost and sends a new one.
 */
public final class EchoLoad {

	private static final int REPLY_TIMEOUT_MILLIS = 100;

	/** How long replies still in flight are awaited after a run, to count loss. */
	private static final long DRAIN_NANOS = Duration.ofMillis(200).toNanos();

	private static final int RING = 1 << 16;

	private final MessageChannel channel;

	private final byte[] message;

	private final byte[] buffer = new byte[65536];

	private final long[] sentAt = new long[RING];

	private final int window;

	private long nextSequence;

	/**
	 * @param payloadSize bytes per message, at least eight
	 * @param window messages in flight
	 */
	public EchoLoad(MessageChannel channel, int payloadSize, int window) {
		this.channel = channel;
		this.message = new byte[payloadSize];
		this.window = window;
	}

	/**
	 * Runs for {@code duration} and returns the round trips completed in it; replies to the
	 * run's messages that arrive while it drains count as received, not as round trips.
	 */
	public EchoResult run(Duration duration, LatencyRecorder latencies) throws IOException {
		long firstSequence = this.nextSequence;
		long sent = 0;
		long roundTrips = 0;
		long replies = 0;
		for (int i = 0; i < this.window; i++) {
			send();
			sent++;
		}
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long now = start;
		while (now < end) {
			int length = this.channel.receive(this.buffer, REPLY_TIMEOUT_MILLIS);
			now = System.nanoTime();
			if (length < 0) {
				for (int i = 0; i < this.window; i++) {
					send();
					sent++;
				}
				continue;
			}
			long sequence = ByteBuffer.wrap(this.buffer, 0, 8).getLong();
			if (sequence < firstSequence || sequence >= this.nextSequence) {
				continue;
			}
			replies++;
			roundTrips++;
			latencies.record(now - this.sentAt[(int) (sequence & (RING - 1))]);
			send();
			sent++;
		}
		double seconds = (now - start) / 1e9;
		replies += drain(firstSequence, sent - replies);
		return new EchoResult(roundTrips / seconds, sent, replies);
	}

	private void send() throws IOException {
		long sequence = this.nextSequence++;
		ByteBuffer.wrap(this.message, 0, 8).putLong(sequence);
		this.sentAt[(int) (sequence & (RING - 1))] = System.nanoTime();
		this.channel.send(this.message);
	}

	/**
	 * Receives the replies still in flight: on a stream all of them, on a lossy channel those
	 * that come within the drain time.
	 */
	private long drain(long firstSequence, long outstanding) throws IOException {
		long received = 0;
		long deadline = System.nanoTime() + DRAIN_NANOS;
		while (received < outstanding && (!this.channel.lossy() || System.nanoTime() < deadline)) {
			int length = this.channel.receive(this.buffer, 20);
			if (length >= 8 && ByteBuffer.wrap(this.buffer, 0, 8).getLong() >= firstSequence) {
				received++;
			}
		}
		return received;
	}

	/**
	 * The outcome of one run.
	 * @param roundTripsPerSecond completed round trips per second of the run
	 * @param sent messages sent
	 * @param received replies received, late ones included
	 */
	public record EchoResult(double roundTripsPerSecond, long sent, long received) {

		/** Returns the share of messages that got no reply, from 0 to 1. */
		public double lossRatio() {
			return (this.sent == 0) ? 0 : (double) (this.sent - this.received) / this.sent;
		}

	}

}
