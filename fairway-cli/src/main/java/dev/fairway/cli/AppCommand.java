package dev.fairway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway app ...}: Argo CD-style application commands against a Fairway server.
 * Exit codes: 0 success, 1 the operation failed or the app is not as asked, 2 usage or connection errors.
 */
@Command(name = "app", description = "List, inspect and sync applications.",
        subcommands = {AppCommand.ListApps.class, AppCommand.Get.class, AppCommand.Diff.class, AppCommand.Sync.class, AppCommand.Refresh.class,
            AppCommand.History.class, AppCommand.Rollback.class, AppCommand.TerminateOp.class, AppCommand.Delete.class})
final class AppCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** How to reach the server: a recorded cluster, or an explicit URL and token. */
    static final class Connection {
        @Option(names = "--cluster", description = "The cluster whose server to use (default: the only one recorded).")
        String cluster;

        @Option(names = "--server", description = "The server's URL (with --token), instead of a recorded cluster.")
        String server;

        @Option(names = "--token", description = "The API token for --server.")
        String token;

        @Option(names = {"-o", "--output"}, description = "Output format: table (default), json or yaml.")
        String output = "table";

        ApiClient client() throws Exception {
            if (server != null) {
                if (token == null) {
                    throw new IllegalArgumentException("--server needs --token");
                }
                return new ApiClient(new ServerInfo(server, token));
            }
            return new ApiClient(ServerInfo.find(cluster));
        }

        void print(JsonNode node) {
            System.out.print("yaml".equals(output) ? Json.yaml(node) : Json.write(node) + "\n");
        }
    }

    abstract static class AppAction implements Callable<Integer> {
        @Mixin
        Connection conn;

        @Override
        public Integer call() {
            try {
                return run(conn.client());
            } catch (ApiClient.Failure e) {
                System.err.println("error: " + e.getMessage());
                return e.status == 0 ? 2 : 1;
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("error: " + e);
                return 2;
            }
        }

        abstract int run(ApiClient api) throws Exception;

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "list", description = "List applications with their sync and health.")
    static final class ListApps extends AppAction {
        @Option(names = "--project") String project;
        @Option(names = "--sync", description = "Synced, OutOfSync, Unknown") String sync;
        @Option(names = "--health", description = "Healthy, Progressing, Degraded, ...") String health;
        @Option(names = {"-l", "--selector"}, description = "Label selector") String selector;

        @Override
        int run(ApiClient api) throws Exception {
            StringBuilder q = new StringBuilder("/api/v1/applications?");
            add(q, "project", project);
            add(q, "sync", sync);
            add(q, "health", health);
            add(q, "selector", selector);
            JsonNode r = api.get(q.toString());
            if (!"table".equals(conn.output)) {
                conn.print(r.path("items"));
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode a : r.path("items")) {
                JsonNode spec = a.path("spec");
                rows.add(List.of(a.path("metadata").path("name").asText(),
                        spec.path("destination").path("namespace").asText(""),
                        spec.path("project").asText(""),
                        a.path("status").path("sync").path("status").asText("Unknown"),
                        a.path("status").path("health").path("status").asText("Unknown"),
                        spec.path("source").path("repoURL").asText(""),
                        spec.path("source").path("path").asText(""),
                        spec.path("source").path("targetRevision").asText("HEAD")));
            }
            Tables.print(System.out, List.of("NAME", "NAMESPACE", "PROJECT", "SYNC", "HEALTH", "REPO", "PATH", "TARGET"), rows);
            return 0;
        }

        private static void add(StringBuilder q, String k, String v) {
            if (v != null) {
                q.append(k).append('=').append(enc(v)).append('&');
            }
        }
    }

    @Command(name = "get", description = "Show one application: source, destination, sync, health, resources, conditions.")
    static final class Get extends AppAction {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ApiClient api) throws Exception {
            JsonNode a = api.get("/api/v1/applications/" + enc(name));
            if (!"table".equals(conn.output)) {
                conn.print(a);
                return 0;
            }
            JsonNode spec = a.path("spec");
            JsonNode status = a.path("status");
            System.out.println("Name:           " + a.path("metadata").path("name").asText());
            System.out.println("Project:        " + spec.path("project").asText());
            System.out.println("Repo:           " + spec.path("source").path("repoURL").asText());
            System.out.println("Path:           " + spec.path("source").path("path").asText());
            System.out.println("Target:         " + spec.path("source").path("targetRevision").asText("HEAD"));
            System.out.println("Destination:    " + spec.path("destination").path("server").asText(spec.path("destination").path("name").asText())
                    + " namespace " + spec.path("destination").path("namespace").asText());
            System.out.println("Sync Status:    " + status.path("sync").path("status").asText("Unknown")
                    + (status.path("sync").has("revision") ? " to " + status.path("sync").path("revision").asText() : ""));
            System.out.println("Health Status:  " + status.path("health").path("status").asText("Unknown")
                    + (status.path("health").has("message") ? " (" + status.path("health").path("message").asText() + ")" : ""));
            for (JsonNode c : status.path("conditions")) {
                System.out.println("Condition:      " + c.path("type").asText() + ": " + c.path("message").asText());
            }
            JsonNode resources = status.path("resources");
            if (resources.isArray() && !resources.isEmpty()) {
                System.out.println();
                List<List<String>> rows = new ArrayList<>();
                for (JsonNode r : resources) {
                    rows.add(List.of(r.path("group").asText(""), r.path("kind").asText(), r.path("namespace").asText(""),
                            r.path("name").asText(), r.path("status").asText(""), r.path("health").path("status").asText("")));
                }
                Tables.print(System.out, List.of("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH"), rows);
            }
            return 0;
        }
    }

    @Command(name = "diff", description = "Show how the cluster differs from git; exit 0 when in sync, 1 when not.")
    static final class Diff extends AppAction {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ApiClient api) throws Exception {
            JsonNode d = api.get("/api/v1/applications/" + enc(name) + "/diff");
            if (!"table".equals(conn.output)) {
                conn.print(d);
                return d.path("synced").asBoolean() ? 0 : 1;
            }
            for (JsonNode r : d.path("resources")) {
                if ("SYNCED".equals(r.path("state").asText())) {
                    continue;
                }
                String id = (r.path("group").asText().isEmpty() ? "" : r.path("group").asText() + "/") + r.path("kind").asText()
                        + " " + (r.path("namespace").asText().isEmpty() ? "" : r.path("namespace").asText() + "/") + r.path("name").asText();
                System.out.println("===== " + id + " (" + r.path("state").asText() + ") =====");
                System.out.print(r.path("diff").asText());
                if (!r.path("diff").asText().endsWith("\n")) {
                    System.out.println();
                }
            }
            return d.path("synced").asBoolean() ? 0 : 1;
        }
    }

    @Command(name = "sync", description = "Sync an application and follow the operation until it ends.")
    static final class Sync extends AppAction {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--prune", description = "Delete resources that are no longer in git.") boolean prune;
        @Option(names = "--dry-run", description = "Show what would be applied; change nothing.") boolean dryRun;
        @Option(names = "--revision", description = "Sync to this revision instead of the target.") String revision;
        @Option(names = "--async", description = "Start the sync and return without waiting.") boolean async;
        @Option(names = "--resource", paramLabel = "GROUP:KIND:[NAMESPACE/]NAME",
                description = "Sync only this resource (repeatable; as argocd app sync --resource; hooks do not run).")
        List<String> resources = new ArrayList<>();
        @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait (default: ${DEFAULT-VALUE}).") int timeout;

        @Override
        int run(ApiClient api) throws Exception {
            ObjectNode body = Json.object();
            body.put("prune", prune);
            body.put("dryRun", dryRun);
            if (revision != null) {
                body.put("revision", revision);
            }
            for (String r : resources) {
                body.withArray("resources").add(resourceSelector(r));
            }
            JsonNode started = api.post("/api/v1/applications/" + enc(name) + "/sync", body);
            if (dryRun) {
                // the server answers a dry run with the comparison: what a sync would change
                int changes = 0;
                for (JsonNode r : started.path("resources")) {
                    if (!"SYNCED".equals(r.path("state").asText())) {
                        changes++;
                        System.out.println(r.path("state").asText() + " " + r.path("kind").asText() + " "
                                + (r.path("namespace").asText().isEmpty() ? "" : r.path("namespace").asText() + "/") + r.path("name").asText());
                    }
                }
                System.out.println(name + ": dry run, " + changes + " resource(s) would change; nothing was applied");
                return 0;
            }
            String before = started.path("status").path("operationState").path("startedAt").asText("");
            System.err.println("sync of " + name + " started");
            if (async) {
                return 0;
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
            SyncProgress progress = new SyncProgress(System.err, System.console() != null);
            while (System.nanoTime() < deadline) {
                JsonNode a = api.get("/api/v1/applications/" + enc(name));
                JsonNode op = a.path("status").path("operationState");
                boolean ours = !a.hasNonNull("operation") && !op.path("startedAt").asText("").equals(before);
                String phase = op.path("phase").asText("");
                if (ours) {
                    progress.show(name, a);
                }
                if (ours && (phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Error"))) {
                    System.out.println(name + ": " + phase + (op.has("message") ? ": " + op.path("message").asText() : ""));
                    return phase.equals("Succeeded") ? 0 : 1;
                }
                Thread.sleep(500);
            }
            System.err.println("error: the sync of " + name + " did not finish within " + timeout + " s");
            return 1;
        }
    }

    /** Argo CD's {@code --resource GROUP:KIND:NAME} syntax, with an optional {@code NAMESPACE/} before the name. */
    static ObjectNode resourceSelector(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("--resource " + spec + ": expected GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME "
                    + "(GROUP empty for the core group, e.g. :ConfigMap:idp/settings or apps:Deployment:idp)");
        }
        ObjectNode r = Json.object();
        r.put("group", parts[0]).put("kind", parts[1]);
        int slash = parts[2].indexOf('/');
        if (slash >= 0) {
            r.put("namespace", parts[2].substring(0, slash));
        }
        r.put("name", parts[2].substring(slash + 1));
        return r;
    }

    @Command(name = "refresh", description = "Compare the application with git and the cluster again.")
    static final class Refresh extends AppAction {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--hard", description = "Also re-render the manifests (ignore the render cache).") boolean hard;

        @Override
        int run(ApiClient api) throws Exception {
            api.post("/api/v1/applications/" + enc(name) + "/refresh" + (hard ? "?hard=true" : ""), null);
            System.out.println(name + ": refresh requested" + (hard ? " (hard)" : ""));
            return 0;
        }
    }

    @Command(name = "history", description = "List an application's sync history.")
    static final class History extends AppAction {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ApiClient api) throws Exception {
            JsonNode h = api.get("/api/v1/applications/" + enc(name) + "/history");
            if (!"table".equals(conn.output)) {
                conn.print(h.path("items"));
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode e : h.path("items")) {
                rows.add(List.of(e.path("id").asText(), e.path("deployedAt").asText(""), e.path("revision").asText(""),
                        e.path("initiatedBy").path("username").asText(e.path("initiatedBy").path("automated").asBoolean() ? "automated" : "")));
            }
            Tables.print(System.out, List.of("ID", "DATE", "REVISION", "BY"), rows);
            return 0;
        }
    }

    @Command(name = "rollback", description = "Sync an earlier history entry's revision again (automated sync must be off).")
    static final class Rollback extends AppAction {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The history entry (default: the one before the newest).") Long id;
        @Option(names = "--prune", description = "Delete resources that the earlier revision does not have.") boolean prune;

        @Override
        int run(ApiClient api) throws Exception {
            long entry;
            if (id != null) {
                entry = id;
            } else {
                JsonNode items = api.get("/api/v1/applications/" + enc(name) + "/history").path("items");
                if (items.size() < 2) {
                    System.err.println("error: application " + name + " has " + items.size()
                            + " history entr" + (items.size() == 1 ? "y" : "ies") + ": nothing earlier to roll back to");
                    return 1;
                }
                entry = items.get(items.size() - 2).path("id").asLong();
            }
            ObjectNode body = Json.object();
            body.put("id", entry);
            body.put("prune", prune);
            JsonNode app = api.post("/api/v1/applications/" + enc(name) + "/rollback", body);
            System.out.println(name + ": rolling back to history entry " + entry + " (revision "
                    + app.path("operation").path("sync").path("revision").asText("?") + "); follow it with 'fairway app get " + name + "'");
            return 0;
        }
    }

    @Command(name = "terminate-op", description = "Stop the application's running sync operation.")
    static final class TerminateOp extends AppAction {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        int run(ApiClient api) throws Exception {
            api.post("/api/v1/applications/" + enc(name) + "/terminate", null);
            System.out.println(name + ": operation terminating");
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an application (and, by default, its resources).")
    static final class Delete extends AppAction {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--cascade", defaultValue = "true", negatable = true, description = "Delete the app's resources too (default: ${DEFAULT-VALUE}).")
        boolean cascade;

        @Override
        int run(ApiClient api) throws Exception {
            api.delete("/api/v1/applications/" + enc(name) + "?cascade=" + cascade);
            System.out.println("application \"" + name + "\" deleted");
            return 0;
        }
    }
}
