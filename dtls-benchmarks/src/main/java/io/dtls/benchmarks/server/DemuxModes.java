package io.dtls.benchmarks.server;

import java.util.Arrays;
import java.util.List;

import io.dtls.core.demux.ConnectedDemultiplexer;
import io.dtls.core.demux.DemuxMode;

/**
 * The demultiplexers the suite measures: every mode the engine offers on this platform.
 */
public final class DemuxModes {

	private DemuxModes() {
	}

	/**
	 * Returns the concrete modes this platform supports. {@code AUTO} is left out, because it
	 * resolves to one of the others.
	 */
	public static List<DemuxMode> measured() {
		return Arrays.stream(DemuxMode.values())
			.filter((mode) -> mode != DemuxMode.AUTO)
			.filter((mode) -> mode != DemuxMode.CONNECTED || ConnectedDemultiplexer.isSupported())
			.toList();
	}

	/**
	 * Returns the mode a server gets by default on this platform.
	 */
	public static DemuxMode platformDefault() {
		return DemuxMode.AUTO.resolve();
	}

}
