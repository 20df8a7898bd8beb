package dev.ridertrack.bench;

import java.util.List;

/**
 * A benchmark's result table, printed as Markdown so that it pastes into the docs as is.
 *
 * @param <R> the row type: a record with one component per column
 * @param header the column titles
 * @param rows the rows, each giving its cells in the header's order
 */
public record MarkdownTable<R extends MarkdownTable.Row>(List<String> header, List<R> rows) {

	/** One row of a table. */
	public interface Row {

		/**
		 * @return the cells, in the order of the header
		 */
		List<String> cells();

	}

	/** Prints the header, the separator and every row. */
	public void print() {
		System.out.println("| " + String.join(" | ", this.header) + " |");
		System.out.println("|" + " --- |".repeat(this.header.size()));
		for (R row : this.rows) {
			System.out.println("| " + String.join(" | ", row.cells()) + " |");
		}
	}

}
