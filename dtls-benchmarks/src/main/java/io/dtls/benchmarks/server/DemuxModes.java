package io.dtls.benchmarks.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import io.dtls.core.demux.DemuxMode;
import io.dtls.core.server.DtlsServerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The demultiplexers that {@link DtlsServerBuilder} offers, so that the suite measures each one.
 * <p>
 * NOTE: The builder gains its {@code demux(DemuxMode)} setting in a later version of the engine.
 * Until then only the default, {@link DemuxMode#ROUTER}, is measured; the setter is looked up
 * reflectively so that this class works with both versions.
 */
public final class DemuxModes {

	private static final @Nullable Method setter = findSetter();

	private DemuxModes() {
	}

	/**
	 * Returns the modes to measure: every concrete mode the builder accepts. {@code AUTO} is left
	 * out, because it resolves to one of the others.
	 */
	public static List<DemuxMode> measured() {
		if (setter == null) {
			return List.of(DemuxMode.ROUTER);
		}
		return Arrays.stream(DemuxMode.values()).filter((mode) -> !mode.name().equals("AUTO")).toList();
	}

	/**
	 * Sets {@code mode} on {@code builder}.
	 */
	static void apply(DtlsServerBuilder builder, DemuxMode mode) {
		if (setter == null) {
			if (mode != DemuxMode.ROUTER) {
				throw new IllegalArgumentException("This engine version offers no demux setting, so " + mode
						+ " cannot be selected");
			}
			return;
		}
		try {
			setter.invoke(builder, mode);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Setting demux mode " + mode + " failed: " + ex, ex);
		}
	}

	private static @Nullable Method findSetter() {
		try {
			return DtlsServerBuilder.class.getMethod("demux", DemuxMode.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
