package io.dtls.benchmarks.report;

import java.util.Locale;

import io.dtls.benchmarks.stats.Samples;

/**
 * Formats figures for the page: thousands separators, and the spread after the median.
 */
public final class Figures {

	private Figures() {
	}

	/** Formats a whole number with thousands separators, such as {@code 132,400}. */
	public static String count(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	/** Formats the median and the range of whole numbers: {@code 132,400 (128,000-135,100)}. */
	public static String counts(Samples samples) {
		return count(samples.median()) + " (" + count(samples.min()) + "-" + count(samples.max()) + ")";
	}

	/** Formats the median and range with {@code decimals} digits after the point. */
	public static String decimals(Samples samples, int decimals) {
		return decimal(samples.median(), decimals) + " (" + decimal(samples.min(), decimals) + "-"
				+ decimal(samples.max(), decimals) + ")";
	}

	public static String decimal(double value, int decimals) {
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	/** Formats a median ratio with its range: {@code 0.87x (0.84-0.90)}. */
	public static String ratio(Samples ratios) {
		return decimal(ratios.median(), 2) + "x (" + decimal(ratios.min(), 2) + "-" + decimal(ratios.max(), 2) + ")";
	}

	/** Formats a median share from 0 to 1 as a percentage with its range. */
	public static String percent(Samples shares) {
		return decimal(shares.median() * 100, 2) + " % (" + decimal(shares.min() * 100, 2) + "-"
				+ decimal(shares.max() * 100, 2) + ")";
	}

}
