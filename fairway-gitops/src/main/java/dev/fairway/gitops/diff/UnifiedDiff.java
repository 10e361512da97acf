package dev.fairway.gitops.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified text diff ({@code diff -u} form, three lines of context) between two texts, as
 * {@code argocd app diff} and {@code kubectl diff} print it.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** Empty when the texts are equal. */
    public static String between(String before, String after, String beforeLabel, String afterLabel) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(e -> e.op == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeLabel).append('\n').append("+++ ").append(afterLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2*CONTEXT unchanged lines of each other
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(out, edits, start, end);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> edits, int start, int end) {
        int aStart = edits.get(start).aLine;
        int bStart = edits.get(start).bLine;
        int aCount = 0;
        int bCount = 0;
        for (int k = start; k < end; k++) {
            char op = edits.get(k).op;
            if (op != '+') {
                aCount++;
            }
            if (op != '-') {
                bCount++;
            }
        }
        out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
        for (int k = start; k < end; k++) {
            out.append(edits.get(k).op).append(edits.get(k).text).append('\n');
        }
    }

    private static String range(int start, int count) {
        // diff -u numbers an empty range by the line before it
        return (count == 0 ? start - 1 : start) + (count == 1 ? "" : "," + count);
    }

    private record Edit(char op, String text, int aLine, int bLine) {}

    /** A longest-common-subsequence edit script; manifests are small enough for the quadratic table. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i + 1, j + 1));
                i++;
            } else {
                edits.add(new Edit('+', b.get(j), i + 1, j + 1));
                j++;
            }
        }
        return edits;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(trimmed.split("\n", -1));
    }
}
