package dev.fairway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a running sync operation from {@code status.operationState}: on a terminal a table
 * redrawn in place (phase, resources done / total, each resource's phase, result and hook
 * state, the app's health); otherwise one line per change, which reads well in CI logs.
 */
final class SyncProgress {

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, String> printed = new HashMap<>();
    private int drawn;

    SyncProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** One resource's line: what it is, the phase it runs in, and how it went. */
    record Row(String resource, String phase, String result, String message) {}

    static List<Row> rows(JsonNode operationState) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : operationState.path("syncResult").path("resources")) {
            String ns = r.path("namespace").asText("");
            String resource = r.path("kind").asText() + "/" + (ns.isEmpty() ? "" : ns + "/") + r.path("name").asText();
            String hook = r.path("hookType").asText("");
            String phase = r.path("syncPhase").asText("Sync") + (hook.isEmpty() ? "" : " hook");
            String status = r.path("status").asText("");
            String hookPhase = r.path("hookPhase").asText("");
            String result = "Running".equals(hookPhase) ? (status.isEmpty() ? "Running" : status + ", waiting") : status.isEmpty() ? hookPhase : status;
            rows.add(new Row(resource, phase, result, r.path("message").asText("")));
        }
        return rows;
    }

    static int done(List<Row> rows) {
        return (int) rows.stream().filter(r -> !r.result().isEmpty() && !r.result().contains("Running") && !r.result().contains("waiting")).count();
    }

    void show(String app, JsonNode application) {
        JsonNode op = application.path("status").path("operationState");
        String phase = op.path("phase").asText("Pending");
        String health = application.path("status").path("health").path("status").asText("Unknown");
        List<Row> rows = rows(op);
        String header = String.format("%s: sync %s, %d/%d resources done, health %s", app, phase, done(rows), rows.size(), health);
        if (terminal) {
            StringBuilder b = new StringBuilder();
            if (drawn > 0) {
                b.append("\033[").append(drawn).append("F\033[J");
            }
            List<String> lines = new ArrayList<>();
            lines.add(header);
            for (Row r : rows) {
                lines.add(String.format("  %-48s %-14s %-20s %s", r.resource(), r.phase(), r.result(), r.message()));
            }
            lines.forEach(l -> b.append(l).append('\n'));
            drawn = lines.size();
            out.print(b);
            out.flush();
            return;
        }
        if (!header.equals(printed.put("", header))) {
            out.println(header);
        }
        for (Row r : rows) {
            String line = r.phase() + " " + r.result() + (r.message().isEmpty() ? "" : ": " + r.message());
            if (!line.equals(printed.put(r.resource(), line))) {
                out.println("  " + r.resource() + " " + line);
            }
        }
        out.flush();
    }
}
