package io.dtls.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table built row by row.
 */
public final class MarkdownTable {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	public MarkdownTable(String... header) {
		this.header = List.of(header);
	}

	public MarkdownTable row(String... cells) {
		if (cells.length != this.header.size()) {
			throw new IllegalArgumentException(
					"Row has " + cells.length + " cells, but the table has " + this.header.size() + " columns");
		}
		this.rows.add(List.of(cells));
		return this;
	}

	public String toMarkdown() {
		StringBuilder markdown = new StringBuilder();
		appendRow(markdown, this.header);
		appendRow(markdown, this.header.stream().map((column) -> "---").toList());
		this.rows.forEach((row) -> appendRow(markdown, row));
		return markdown.toString();
	}

	private static void appendRow(StringBuilder markdown, List<String> cells) {
		markdown.append("| ").append(String.join(" | ", cells)).append(" |\n");
	}

}
