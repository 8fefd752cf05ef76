package io.dtls.benchmarks.report;

/**
 * One target of the engine and whether this run met it.
 * @param target the target, such as "echo at 100 B >= 0.9x raw UDP"
 * @param measured the figure that decides it
 * @param met whether the median meets the target
 */
public record Verdict(String target, String measured, boolean met) {

	public String outcome() {
		return this.met ? "met" : "**not met**";
	}

}
