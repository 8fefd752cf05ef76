package io.dtls.benchmarks.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one figure over repeated runs, summarized as median and range.
 * <p>
 * The median rather than the mean, because on a shared machine a run that another process
 * disturbs is an outlier that should not move the figure.
 */
public final class Samples {

	private final List<Double> values = new ArrayList<>();

	public void add(double value) {
		this.values.add(value);
	}

	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	public int size() {
		return this.values.size();
	}

	public double median() {
		double[] sorted = sorted();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	public double min() {
		double[] sorted = sorted();
		return (sorted.length == 0) ? Double.NaN : sorted[0];
	}

	public double max() {
		double[] sorted = sorted();
		return (sorted.length == 0) ? Double.NaN : sorted[sorted.length - 1];
	}

	/**
	 * Returns the run-by-run ratios of these samples to {@code baseline}, which must hold the
	 * same number of runs measured in the same order.
	 */
	public Samples ratioTo(Samples baseline) {
		if (baseline.size() != size()) {
			throw new IllegalArgumentException(
					"Ratio needs runs in pairs, but there are " + size() + " and " + baseline.size() + " runs");
		}
		Samples ratios = new Samples();
		for (int i = 0; i < size(); i++) {
			ratios.add(this.values.get(i) / baseline.values.get(i));
		}
		return ratios;
	}

	/**
	 * Returns these samples multiplied by {@code factor}, to change their unit.
	 */
	public Samples scaled(double factor) {
		Samples scaled = new Samples();
		this.values.forEach((value) -> scaled.add(value * factor));
		return scaled;
	}

	private double[] sorted() {
		double[] sorted = this.values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted;
	}

}
