package io.dtls.benchmarks.server;

import java.nio.charset.StandardCharsets;

/**
 * The pre-shared key that the load generator and every PSK server of the suite share. The
 * certificate is generated afresh by each server process, since the load generator does not
 * validate it.
 */
public final class BenchmarkKeys {

	/** PSK identity. */
	public static final String PSK_IDENTITY = "benchmark-client";

	private static final byte[] PSK = "benchmark-pre-shared-key".getBytes(StandardCharsets.US_ASCII);

	private BenchmarkKeys() {
	}

	/** Returns a copy of the pre-shared key. */
	public static byte[] psk() {
		return PSK.clone();
	}

}
