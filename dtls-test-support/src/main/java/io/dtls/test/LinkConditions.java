package io.dtls.test;

import java.time.Duration;

/**
 * What one direction of a {@link LossyUdpProxy} does to datagrams. Each rate is a probability
 * between 0 and 1, applied to every datagram independently.
 *
 * @param lossRate probability that a datagram is dropped
 * @param duplicateRate probability that a forwarded datagram is sent twice
 * @param reorderRate probability that a forwarded datagram is held back by {@code reorderDelay},
 * so that datagrams sent after it overtake it
 * @param delay fixed delay added to every forwarded datagram
 * @param reorderDelay extra delay of a reordered datagram
 * @since 0.1.0
 */
public record LinkConditions(double lossRate, double duplicateRate, double reorderRate, Duration delay,
		Duration reorderDelay) {

	/** A link that forwards everything at once. */
	public static final LinkConditions PERFECT = new LinkConditions(0, 0, 0, Duration.ZERO, Duration.ZERO);

	public LinkConditions {
		checkRate("lossRate", lossRate);
		checkRate("duplicateRate", duplicateRate);
		checkRate("reorderRate", reorderRate);
		if (delay.isNegative() || reorderDelay.isNegative()) {
			throw new IllegalArgumentException("delay and reorderDelay must not be negative, but were " + delay
					+ " and " + reorderDelay);
		}
	}

	/**
	 * Creates conditions with loss, duplication and reordering, no fixed delay, and reordered
	 * datagrams held back by 20 ms.
	 */
	public static LinkConditions of(double lossRate, double duplicateRate, double reorderRate) {
		return new LinkConditions(lossRate, duplicateRate, reorderRate, Duration.ZERO, Duration.ofMillis(20));
	}

	private static void checkRate(String name, double rate) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, but was " + rate);
		}
	}

}
