package io.dtls.benchmarks.suite;

import io.dtls.benchmarks.load.EchoLoad.EchoResult;
import io.dtls.benchmarks.stats.LatencyRecorder;
import io.dtls.benchmarks.stats.Samples;

/**
 * The figures of one echo subject over its runs.
 */
final class EchoFigures {

	final Samples roundTrips = new Samples();

	final Samples megabytes = new Samples();

	final Samples loss = new Samples();

	final Samples p50Micros = new Samples();

	final Samples p99Micros = new Samples();

	void add(EchoResult result, LatencyRecorder latencies, int payloadSize) {
		this.roundTrips.add(result.roundTripsPerSecond());
		this.megabytes.add(result.roundTripsPerSecond() * payloadSize / 1e6);
		this.loss.add(result.lossRatio());
		this.p50Micros.add(latencies.percentileMicros(50));
		this.p99Micros.add(latencies.percentileMicros(99));
	}

}
