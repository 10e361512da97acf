package dev.fairway.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** kubectl-style tables: upper-case headers, columns padded to their widest cell, three spaces apart. */
final class Tables {

    private Tables() {}

    static void print(PrintStream out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                sb.append(cell);
                if (i < r.size() - 1) {
                    sb.append(" ".repeat(widths[i] - cell.length() + 3));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
