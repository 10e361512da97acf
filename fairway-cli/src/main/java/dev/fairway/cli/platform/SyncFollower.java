package dev.fairway.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Follows a root application and every application under it (apps of apps, to any depth) until
 * all are Synced and Healthy at the expected revision, one of them fails for good, or time runs
 * out; shows the progress live (a redrawn table on a terminal, one line per change otherwise).
 *
 * <p>An error condition (ComparisonError, InvalidSpecError, SyncError) counts as a failure only
 * once the app was compared after the follow began and the error held for {@code grace}: right
 * after a push, an app may still report the previous commit's error for a moment.
 */
public final class SyncFollower {

    /** How the follow ended. */
    public enum Result { SYNCED, FAILED, TIMED_OUT }

    /** The end state: the result, the apps as last seen (tree order), and what is wrong with each unfinished one. */
    public record Outcome(Result result, List<AppState> apps, List<String> problems) {}

    private final KubernetesClient client;
    private final String namespace;
    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final Duration grace;
    private final Map<String, Instant> errorSince = new HashMap<>();
    private final Map<String, String> lastLine = new HashMap<>();
    private int drawnLines;
    private BiPredicate<String, String> reached = String::equals;

    public SyncFollower(KubernetesClient client, String namespace, PrintStream out, boolean terminal, Clock clock, Duration grace) {
        this.client = client;
        this.namespace = namespace;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Follows until done.
     *
     * @param expectedRevision the commit SHA the root app must have synced, or null for any
     */
    public Outcome follow(String root, String expectedRevision, Duration timeout) throws InterruptedException {
        return follow(root, expectedRevision, (expected, actual) -> expected.equals(actual), timeout);
    }

    /**
     * Follows until done.
     *
     * @param reached whether an app's revision has reached the expected one: with a branch or
     *     HEAD, a newer commit pushed meanwhile counts too
     */
    public Outcome follow(String root, String expectedRevision, BiPredicate<String, String> reached, Duration timeout)
            throws InterruptedException {
        this.reached = reached;
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Outcome outcome;
        while (true) {
            Map<String, AppState> apps = new LinkedHashMap<>();
            for (GenericKubernetesResource r : client.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                    .inNamespace(namespace).list().getItems()) {
                JsonNode tree = Json.MAPPER.valueToTree(r);
                AppState s = AppState.of(tree);
                apps.put(s.name(), s);
            }
            Instant now = clock.instant();
            outcome = evaluate(apps, root, expectedRevision, start, now);
            show(outcome, expectedRevision, Duration.between(start, now));
            if (outcome.result() != Result.TIMED_OUT) {
                break;
            }
            if (now.isAfter(deadline)) {
                break;
            }
            Thread.sleep(500);
        }
        if (terminal) {
            out.println();
        }
        return outcome;
    }

    /**
     * Judges one observation. TIMED_OUT here means "not finished yet"; the caller decides when
     * waiting is over.
     */
    Outcome evaluate(Map<String, AppState> apps, String root, String expectedRevision, Instant start, Instant now) {
        List<AppState> tree = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(root));
        AppState rootState = apps.get(root);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            AppState s = apps.get(name);
            if (s == null) {
                problems.add(name + ": not created yet");
                continue;
            }
            tree.add(s);
            queue.addAll(s.children());
            boolean followsRoot = rootState != null && s.repoUrl().equals(rootState.repoUrl())
                    && s.targetRevision().equals(rootState.targetRevision());
            boolean atRevision = expectedRevision == null || !followsRoot || reached.test(expectedRevision, s.revision());
            boolean fresh = s.reconciledAt() != null && !s.reconciledAt().isBefore(start.minusSeconds(1));
            if (!s.errors().isEmpty() && (fresh || atRevision)) {
                Instant since = errorSince.computeIfAbsent(name, n -> now);
                if (!now.isBefore(since.plus(grace))) {
                    failures.add(name + ": " + String.join("; ", s.errors()));
                    continue;
                }
            } else {
                errorSince.remove(name);
            }
            boolean failedHere = s.operationFailed() && s.operationFinished() != null && !s.operationFinished().isBefore(start)
                    && (expectedRevision == null || !followsRoot || reached.test(expectedRevision, s.operationRevision()));
            if (failedHere) {
                failures.add(name + ": sync " + s.operationPhase() + ": " + s.operationMessage());
                continue;
            }
            if (!atRevision) {
                problems.add(name + ": at revision " + (s.revision().isEmpty() ? "(none yet)" : s.shortRevision()) + ", waiting for "
                        + expectedRevision.substring(0, Math.min(7, expectedRevision.length())));
            } else if (!s.syncedAndHealthy()) {
                problems.add(name + ": " + s.sync() + "/" + s.health() + (s.healthMessage().isEmpty() ? "" : " (" + s.healthMessage() + ")")
                        + (s.errors().isEmpty() ? "" : " " + String.join("; ", s.errors())));
            }
        }
        if (!failures.isEmpty()) {
            return new Outcome(Result.FAILED, tree, failures);
        }
        return new Outcome(problems.isEmpty() ? Result.SYNCED : Result.TIMED_OUT, tree, problems);
    }

    private void show(Outcome o, String expectedRevision, Duration elapsed) {
        if (terminal) {
            StringBuilder b = new StringBuilder();
            if (drawnLines > 0) {
                b.append("\033[").append(drawnLines).append("F\033[J");
            }
            long done = o.apps().stream().filter(AppState::syncedAndHealthy).count();
            List<String> lines = new ArrayList<>();
            lines.add(String.format("%d/%d applications Synced and Healthy%s  %ds", done, Math.max(o.apps().size(), 1),
                    expectedRevision == null ? "" : " at " + expectedRevision.substring(0, Math.min(7, expectedRevision.length())),
                    elapsed.toSeconds()));
            lines.add(String.format("  %-24s %-10s %-12s %-8s %s", "APP", "SYNC", "HEALTH", "REVISION", "OPERATION"));
            for (AppState s : o.apps()) {
                lines.add(String.format("  %-24s %-10s %-12s %-8s %s", s.name(), s.sync(), s.health(), s.shortRevision(), operation(s)));
            }
            lines.forEach(l -> b.append(l).append('\n'));
            drawnLines = lines.size();
            out.print(b);
            out.flush();
            return;
        }
        for (AppState s : o.apps()) {
            String line = s.sync() + " " + s.health() + (s.revision().isEmpty() ? "" : " " + s.shortRevision())
                    + (operation(s).isEmpty() ? "" : " " + operation(s));
            if (!line.equals(lastLine.put(s.name(), line))) {
                out.printf("%5ds  %-24s %s%n", elapsed.toSeconds(), s.name(), line);
            }
        }
        out.flush();
    }

    private static String operation(AppState s) {
        if (s.operationPhase().isEmpty()) {
            return "";
        }
        String progress = s.resourcesApplied() > 0 ? " (" + s.resourcesApplied() + " applied)" : "";
        return "sync " + s.operationPhase() + progress;
    }
}
