package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.http.PodLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The log of each simulated container, as {@code kubectl logs} shows it: start-up lines when the
 * container starts, then for containers that declare ports a request line every two seconds, and
 * for Job pods progress lines and a final one; crashing containers end with their error. Lines are
 * derived from the container's start time, so every read (and a restarted sandbox) sees the same
 * log. Supports follow, tailLines, sinceSeconds, timestamps and limitBytes.
 */
final class SimulatedLogs implements PodLogs {

    static final Duration REQUEST_EVERY = Duration.ofSeconds(2);
    private static final Duration FOLLOW_POLL = Duration.ofMillis(250);
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NGINX_ERROR = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NGINX_ACCESS = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] PATHS = {"/", "/api/items", "/api/orders", "/healthz", "/static/app.js", "/api/users/42"};

    /** One log line and when it was written. */
    record Line(Instant at, String text) {}

    /** What the log of one run of a container depends on. */
    record Run(String podUid, String container, String image, boolean serves, boolean toCompletion, Behavior behavior,
               Instant started, Instant finished, int exitCode, int restart) {}

    private final ObjectService service;
    private final Kinds kinds;
    private final Clock clock;
    private final BooleanSupplier closed;

    SimulatedLogs(ObjectService service, Kinds kinds, Clock clock, BooleanSupplier closed) {
        this.service = service;
        this.kinds = kinds;
        this.clock = clock;
        this.closed = closed;
    }

    @Override
    public void write(String namespace, String podName, Options options, OutputStream out) throws IOException {
        Optional<Run> run = currentRun(namespace, podName, options.container());
        if (run.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Line> all = lines(run.get(), now);
        List<Line> lines = new ArrayList<>(all);
        if (options.sinceSeconds() != null) {
            Instant since = now.minusSeconds(options.sinceSeconds());
            lines.removeIf(l -> l.at().isBefore(since));
        }
        if (options.tailLines() != null && options.tailLines() >= 0 && lines.size() > options.tailLines()) {
            lines = new ArrayList<>(lines.subList(lines.size() - options.tailLines().intValue(), lines.size()));
        }
        long[] budget = {options.limitBytes() == null || options.limitBytes() <= 0 ? Long.MAX_VALUE : options.limitBytes()};
        for (Line l : lines) {
            if (!emit(out, l, options.timestamps(), budget)) {
                return;
            }
        }
        out.flush();
        if (options.follow()) {
            follow(namespace, podName, options, out, run.get(), all.size(), budget);
        }
    }

    /** Writes the lines the run adds after the first {@code written} until the container stops or the reader leaves. */
    private void follow(String namespace, String podName, Options options, OutputStream out, Run run, int written, long[] budget)
            throws IOException {
        Instant lastCheck = clock.instant();
        Run current = run;
        while (!closed.getAsBoolean()) {
            try {
                Thread.sleep(FOLLOW_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Instant now = clock.instant();
            if (Duration.between(lastCheck, now).toMillis() >= 1000) {
                lastCheck = now;
                Optional<Run> again = currentRun(namespace, podName, options.container());
                // a new run is a restart; the same run may show its start time differently once terminated
                if (again.isEmpty() || again.get().restart() != run.restart()) {
                    return;
                }
                current = again.get();
            }
            List<Line> all = lines(current, now);
            for (int i = written; i < all.size(); i++) {
                if (!emit(out, all.get(i), options.timestamps(), budget)) {
                    return;
                }
            }
            if (all.size() > written) {
                written = all.size();
                out.flush();
            }
            if (current.finished() != null && !now.isBefore(current.finished())) {
                return;
            }
        }
    }

    private static boolean emit(OutputStream out, Line l, boolean timestamps, long[] budget) throws IOException {
        String text = (timestamps ? NANOS.format(l.at()) + " " : "") + l.text() + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > budget[0]) {
            out.write(bytes, 0, (int) budget[0]);
            budget[0] = 0;
            out.flush();
            return false;
        }
        out.write(bytes);
        budget[0] -= bytes.length;
        return true;
    }

    /** The run of the container whose log kubectl shows: the current one, or the last one while it waits to restart. */
    Optional<Run> currentRun(String namespace, String podName, String container) {
        Optional<ObjectNode> found = service.find(kinds.pods(), namespace, podName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode pod = found.get();
        JsonNode spec = null;
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : pod.path("spec").path(list)) {
                if (container == null || container.equals(c.path("name").asText())) {
                    spec = c;
                    break;
                }
            }
            if (spec != null) {
                break;
            }
        }
        if (spec == null) {
            return Optional.empty();
        }
        JsonNode status = null;
        for (String list : List.of("containerStatuses", "initContainerStatuses")) {
            for (JsonNode cs : pod.path("status").path(list)) {
                if (spec.path("name").asText().equals(cs.path("name").asText())) {
                    status = cs;
                }
            }
        }
        if (status == null) {
            return Optional.empty();
        }
        JsonNode state = status.path("state");
        JsonNode ran = state.has("running") ? state.get("running")
                : state.has("terminated") ? state.get("terminated")
                : status.path("lastState").path("terminated");
        Instant started = ObjectFields.time(ran.get("startedAt"));
        if (started == null) {
            return Optional.empty();
        }
        Instant finished = ObjectFields.time(ran.get("finishedAt"));
        boolean serves = false;
        for (JsonNode p : spec.path("ports")) {
            serves |= p.has("containerPort");
        }
        int restart = status.path("restartCount").asInt(0);
        return Optional.of(new Run(ObjectFields.uid(pod), spec.path("name").asText(), spec.path("image").asText(), serves,
                PodLifecycle.runsToCompletion(pod), Behavior.of(pod), started, finished, ran.path("exitCode").asInt(0), restart));
    }

    /** Every line the run has written up to {@code now}, oldest first. */
    static List<Line> lines(Run run, Instant now) {
        List<Line> out = new ArrayList<>();
        Instant end = run.finished() != null && run.finished().isBefore(now) ? run.finished() : now;
        Instant t = run.started();
        boolean nginx = run.image().contains("nginx");
        String version = run.image().contains(":") ? run.image().substring(run.image().lastIndexOf(':') + 1) : "latest";
        List<String> startup = new ArrayList<>();
        if (nginx) {
            startup.add("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
            startup.add("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
            startup.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh");
            startup.add("/docker-entrypoint.sh: Configuration complete; ready for start up");
            String stamp = NGINX_ERROR.format(t);
            startup.add(stamp + " [notice] 1#1: using the \"epoll\" event method");
            startup.add(stamp + " [notice] 1#1: nginx/" + (version.equals("latest") ? "1.27.3" : version));
            startup.add(stamp + " [notice] 1#1: start worker processes");
        } else {
            startup.add("level=info msg=\"starting " + run.container() + "\" version=" + version);
            startup.add("level=info msg=\"loaded configuration\" source=/etc/" + run.container() + "/config.yaml");
            if (run.serves()) {
                startup.add("level=info msg=\"listening\" addr=:8080");
            }
            if (run.toCompletion()) {
                startup.add("level=info msg=\"processing work items\"");
            }
        }
        for (int i = 0; i < startup.size(); i++) {
            Instant at = t.plusMillis(3L * i);
            if (!at.isAfter(end)) {
                out.add(new Line(at, startup.get(i)));
            }
        }
        Duration every = run.toCompletion() ? Duration.ofSeconds(1) : REQUEST_EVERY;
        boolean periodic = run.serves() || run.toCompletion();
        if (periodic) {
            long n = 1;
            for (Instant at = t.plus(every); !at.isAfter(end) && n < 100_000; at = t.plus(every.multipliedBy(++n))) {
                out.add(new Line(at, run.toCompletion() ? progress(run, n) : request(run, nginx, at, n)));
            }
        }
        if (run.finished() != null && !run.finished().isAfter(now)) {
            out.add(new Line(run.finished(), farewell(run)));
        }
        return out;
    }

    private static String progress(Run run, long n) {
        return "level=info msg=\"processed batch\" batch=" + n + " items=" + (50 + (int) (50 * ObjectFields.stableFraction(run.podUid() + n)));
    }

    private static String request(Run run, boolean nginx, Instant at, long n) {
        double r = ObjectFields.stableFraction(run.podUid() + "/" + run.restart() + "/" + n);
        String path = PATHS[(int) (r * PATHS.length)];
        int status = r > 0.97 ? 500 : r > 0.9 ? 404 : 200;
        String client = "10.244.0." + (2 + (int) (r * 200));
        if (nginx) {
            int bytes = status == 200 ? 615 : 153;
            return client + " - - [" + NGINX_ACCESS.format(at) + "] \"GET " + path + " HTTP/1.1\" " + status + " " + bytes
                    + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" \"-\"";
        }
        return "level=info msg=\"request\" method=GET path=" + path + " status=" + status + " duration_ms="
                + (1 + (int) (r * 80)) + " remote=" + client;
    }

    private static String farewell(Run run) {
        return switch (run.behavior()) {
            case CRASHLOOP -> "panic: runtime error: invalid memory address or nil pointer dereference";
            case OOMKILLED -> "level=error msg=\"allocating cache\" requested_bytes=536870912";
            case FAIL -> "level=error msg=\"job failed\" error=\"exit status 1\"";
            default -> run.exitCode() == 0 && run.toCompletion() ? "level=info msg=\"completed successfully\""
                    : "level=info msg=\"shutting down\" signal=terminated";
        };
    }
}
