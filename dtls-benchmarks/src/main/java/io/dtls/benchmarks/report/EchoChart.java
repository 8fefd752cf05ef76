package io.dtls.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page's chart as SVG: median echo round trips per second by transport and payload size,
 * and the engine against Scandium. Horizontal bars, so that long labels fit.
 */
public final class EchoChart {

	private static final String[] COLORS = { "#4e79a7", "#f28e2b", "#59a14f" };

	private static final int WIDTH = 860;

	private static final int LABEL_WIDTH = 300;

	private static final int BAR_HEIGHT = 14;

	private static final int GROUP_GAP = 14;

	/** Round trips per second by transport, then by payload size. */
	private final Map<String, Map<Integer, Double>> transports = new LinkedHashMap<>();

	/** Round trips per second of the engine's variants and Scandium, by suite and payload, then by server. */
	private final Map<String, Map<String, Double>> comparisons = new LinkedHashMap<>();

	public void add(String transport, int payloadSize, double roundTripsPerSecond) {
		this.transports.computeIfAbsent(transport, (key) -> new LinkedHashMap<>()).put(payloadSize, roundTripsPerSecond);
	}

	/**
	 * Adds a group of bars, one per server in the order of {@code roundTripsByServer}; every
	 * group must name the same servers.
	 */
	public void compare(String label, Map<String, Double> roundTripsByServer) {
		this.comparisons.put(label, new LinkedHashMap<>(roundTripsByServer));
	}

	public String toSvg() {
		List<String> elements = new ArrayList<>();
		double max = Math.max(
				this.transports.values().stream().flatMap((sizes) -> sizes.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1),
				this.comparisons.values().stream().flatMap((servers) -> servers.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1));
		int y = 30;
		elements.add(text(10, 20, "Echo round trips per second (median), 32 messages in flight, loopback", "bold"));
		List<Integer> sizes = this.transports.values().stream().flatMap((bySize) -> bySize.keySet().stream()).distinct().sorted().toList();
		for (int i = 0; i < sizes.size(); i++) {
			elements.add(legend(LABEL_WIDTH + i * 120, y, COLORS[i % COLORS.length], sizes.get(i) + " B payload"));
		}
		y += 22;
		for (Map.Entry<String, Map<Integer, Double>> transport : this.transports.entrySet()) {
			elements.add(text(LABEL_WIDTH - 8, y + BAR_HEIGHT * sizes.size() / 2 + 4, transport.getKey(), "end"));
			for (int i = 0; i < sizes.size(); i++) {
				Double value = transport.getValue().get(sizes.get(i));
				if (value != null) {
					elements.add(bar(y, value, max, COLORS[i % COLORS.length]));
				}
				y += BAR_HEIGHT;
			}
			y += GROUP_GAP;
		}
		if (!this.comparisons.isEmpty()) {
			y += 10;
			elements.add(text(10, y, "The engine against Californium Scandium 3.14, same client", "bold"));
			y += 12;
			List<String> servers = List.copyOf(this.comparisons.values().iterator().next().keySet());
			for (int i = 0; i < servers.size(); i++) {
				elements.add(legend(LABEL_WIDTH + i * 180, y, COLORS[i % COLORS.length], servers.get(i)));
			}
			y += 22;
			for (Map.Entry<String, Map<String, Double>> comparison : this.comparisons.entrySet()) {
				elements.add(text(LABEL_WIDTH - 8, y + BAR_HEIGHT * servers.size() / 2 + 4, comparison.getKey(), "end"));
				for (int i = 0; i < servers.size(); i++) {
					elements.add(bar(y, comparison.getValue().get(servers.get(i)), max, COLORS[i % COLORS.length]));
					y += BAR_HEIGHT;
				}
				y += GROUP_GAP;
			}
		}
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
				WIDTH, y + 10));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, y + 10));
		elements.forEach((element) -> svg.append(element).append('\n'));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static String bar(int y, double value, double max, String color) {
		int width = (int) Math.round((WIDTH - LABEL_WIDTH - 90) * value / max);
		return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", LABEL_WIDTH, y,
				width, BAR_HEIGHT - 2, color)
				+ text(LABEL_WIDTH + width + 4, y + BAR_HEIGHT - 4, Figures.count(value), "start");
	}

	private static String legend(int x, int y, String color, String label) {
		return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9, color)
				+ text(x + 14, y, label, "start");
	}

	private static String text(int x, int y, String content, String style) {
		String anchor = style.equals("bold") ? "start" : style;
		String weight = style.equals("bold") ? " font-weight=\"bold\" font-size=\"13\"" : "";
		return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"%s>%s</text>", x, y, anchor, weight,
				content.replace("&", "&amp;").replace("<", "&lt;"));
	}

}
