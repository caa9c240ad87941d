package io.hlbridge.bench;

import java.util.ArrayList;
import java.util.List;

/** Prints benchmark figures as a Markdown table. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Table(String... header) {
        this.header = header;
    }

    void row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
    }

    int size() {
        return rows.size();
    }

    /** The cell of row {@code row} under the column headed {@code column}. */
    String cell(int row, String column) {
        return rows.get(row)[java.util.Arrays.asList(header).indexOf(column)];
    }

    void print(String title) {
        System.out.println();
        System.out.println("### " + title);
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.length));
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    static long percentile(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))];
    }
}
