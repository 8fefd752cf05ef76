package io.dtls.benchmarks.suite;

import io.dtls.benchmarks.load.HandshakeLoad;
import io.dtls.benchmarks.stats.Samples;

/**
 * The handshake rates of one server over the recorded runs, and the handshakes that failed
 * in any run, warm-up included.
 */
final class HandshakeRates {

	final Samples perSecond = new Samples();

	private long failed;

	private final String server;

	HandshakeRates(String server) {
		this.server = server;
	}

	void add(HandshakeLoad.Result result, boolean record) {
		if (record) {
			this.perSecond.add(result.perSecond());
		}
		if (result.failed() > 0) {
			this.failed += result.failed();
			SuiteContext.progress(result.failed() + " handshakes with " + this.server + " failed, the first with "
					+ result.firstFailure());
		}
	}

	long failed() {
		return this.failed;
	}

}
