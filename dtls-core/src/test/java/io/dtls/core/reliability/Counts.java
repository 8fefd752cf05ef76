package io.dtls.core.reliability;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Breakdowns of the engine's counters, such as drops by reason, for the figures that
 * reliability tests print.
 */
final class Counts {

	private Counts() {
	}

	/**
	 * Returns the count of each constant of {@code type} whose count is above zero, in
	 * declaration order.
	 */
	static <E extends Enum<E>> Map<E, Long> nonZero(Class<E> type, ToLongFunction<E> counter) {
		Map<E, Long> counts = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			long count = counter.applyAsLong(constant);
			if (count > 0) {
				counts.put(constant, count);
			}
		}
		return counts;
	}

}
