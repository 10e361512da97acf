package dev.fairway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The application endpoints of the REST API (documented in docs/API.md). Reads come from the
 * informer cache; writes go to the Application object, where the controller picks them up.
 */
public final class ApplicationsApi {

    private final Applications apps;
    private final KubernetesClient client;
    private final Clock clock;

    public ApplicationsApi(Applications apps, KubernetesClient client, Clock clock) {
        this.apps = apps;
        this.client = client;
        this.clock = clock;
    }

    public ObjectNode list(Map<String, String> q) {
        return list(q, app -> true);
    }

    /** The list of the apps the caller may see: counts, total and pages leave the others out. */
    public ObjectNode list(Map<String, String> q, Predicate<ObjectNode> visible) {
        Applications.Filter f = new Applications.Filter(q.get("project"), q.get("sync"), q.get("health"),
                q.get("namespace"), q.get("selector"), q.get("search"));
        List<ObjectNode> items = apps.list(f).stream().filter(visible).toList();
        ObjectNode out = Json.object();
        ObjectNode counts = out.putObject("counts");
        for (ObjectNode a : items) {
            String sync = a.path("status").path("sync").path("status").asText("Unknown");
            String health = a.path("status").path("health").path("status").asText("Unknown");
            counts.with("sync").put(sync, counts.path("sync").path(sync).asInt() + 1);
            counts.with("health").put(health, counts.path("health").path(health).asInt() + 1);
        }
        ArrayNode arr = out.putArray("items");
        int offset = parseInt(q.get("offset"), 0);
        int limit = parseInt(q.get("limit"), 0);
        out.put("total", items.size());
        for (int i = offset; i < items.size() && (limit <= 0 || i < offset + limit); i++) {
            arr.add(items.get(i));
        }
        return out;
    }

    public ObjectNode get(String ns, String name) throws ApiError {
        return apps.get(ns, name).orElseThrow(() -> new ApiError(404,
                "application \"" + name + "\" not found" + (ns == null ? "" : " in namespace " + ns)
                        + ": list them with GET /api/v1/applications"));
    }

    /** Entries of status.history, newest last, as Argo CD keeps them. */
    public ObjectNode history(String ns, String name) throws ApiError {
        ObjectNode app = get(ns, name);
        ObjectNode out = Json.object();
        out.set("items", app.path("status").path("history").isArray() ? app.path("status").path("history").deepCopy() : Json.MAPPER.createArrayNode());
        return out;
    }

    /**
     * Starts a sync: writes {@code operation.sync} onto the Application. Refused while another
     * operation runs, as in Argo CD.
     */
    public ObjectNode sync(String ns, String name, JsonNode body, String user) throws ApiError {
        ObjectNode app = get(ns, name);
        if (app.hasNonNull("operation") || "Running".equals(app.path("status").path("operationState").path("phase").asText())) {
            throw new ApiError(409, "another operation is already in progress on application \"" + name
                    + "\": wait for it to finish or terminate it");
        }
        ObjectNode operation = Json.object();
        ObjectNode sync = operation.putObject("sync");
        String revision = body.path("revision").asText("");
        if (!revision.isEmpty()) {
            sync.put("revision", revision);
        }
        if (body.path("prune").asBoolean(false)) {
            sync.put("prune", true);
        }
        if (body.path("dryRun").asBoolean(false)) {
            sync.put("dryRun", true);
        }
        JsonNode resources = body.path("resources");
        if (resources.isArray() && !resources.isEmpty()) {
            ArrayNode rs = sync.putArray("resources");
            for (JsonNode r : resources) {
                if (!r.hasNonNull("kind") || !r.hasNonNull("name")) {
                    throw new ApiError(400, "each entry of \"resources\" needs \"kind\" and \"name\" (and \"group\", \"namespace\" where they apply)");
                }
                ObjectNode o = rs.addObject();
                o.put("group", r.path("group").asText(""));
                o.put("kind", r.path("kind").asText());
                o.put("name", r.path("name").asText());
                if (r.hasNonNull("namespace")) {
                    o.put("namespace", r.path("namespace").asText());
                }
            }
        }
        ObjectNode initiated = operation.putObject("initiatedBy");
        initiated.put("username", user);
        operation.putObject("retry");
        ObjectNode patch = Json.object();
        patch.set("operation", operation);
        return apps.patch(app, patch);
    }

    /**
     * Rolls back to a history entry: writes {@code operation.sync} with that entry's revision (and
     * source), as Argo CD does. Refused while automated sync is on, since it would undo the
     * rollback at once, and while another operation runs.
     */
    public ObjectNode rollback(String ns, String name, JsonNode body, String user) throws ApiError {
        ObjectNode app = get(ns, name);
        JsonNode id = body.path("id");
        if (!id.canConvertToLong()) {
            throw new ApiError(400, "the body needs the history entry's \"id\", e.g. {\"id\": 3}: see GET /api/v1/applications/"
                    + name + "/history");
        }
        if (app.path("spec").path("syncPolicy").hasNonNull("automated")) {
            throw new ApiError(409, "rollback cannot be started while automated sync is on for application \"" + name
                    + "\": it would sync back to git at once. Turn off spec.syncPolicy.automated first");
        }
        JsonNode entry = null;
        for (JsonNode h : app.path("status").path("history")) {
            if (h.path("id").asLong(-1) == id.asLong()) {
                entry = h;
            }
        }
        if (entry == null) {
            throw new ApiError(404, "application \"" + name + "\" has no history entry " + id.asLong()
                    + ": see GET /api/v1/applications/" + name + "/history");
        }
        if (entry.path("revision").asText("").isEmpty()) {
            throw new ApiError(422, "history entry " + id.asLong() + " of application \"" + name + "\" records no revision to go back to");
        }
        if (app.hasNonNull("operation") || "Running".equals(app.path("status").path("operationState").path("phase").asText())) {
            throw new ApiError(409, "another operation is already in progress on application \"" + name
                    + "\": wait for it to finish or terminate it");
        }
        ObjectNode operation = Json.object();
        ObjectNode sync = operation.putObject("sync");
        sync.put("revision", entry.path("revision").asText());
        if (entry.path("source").isObject()) {
            sync.set("source", entry.path("source").deepCopy());
        }
        if (body.path("prune").asBoolean(false)) {
            sync.put("prune", true);
        }
        if (body.path("dryRun").asBoolean(false)) {
            sync.put("dryRun", true);
        }
        operation.putObject("initiatedBy").put("username", user);
        operation.putObject("retry");
        ObjectNode patch = Json.object();
        patch.set("operation", operation);
        return apps.patch(app, patch);
    }

    /**
     * Stops the running operation, as {@code argocd app terminate-op}: marks it Terminating; the
     * controller stops between steps and records it Failed with "Operation terminated".
     */
    public ObjectNode terminate(String ns, String name) throws ApiError {
        ObjectNode app = get(ns, name);
        String phase = app.path("status").path("operationState").path("phase").asText("");
        if (!"Running".equals(phase) && !"Terminating".equals(phase)) {
            throw new ApiError(409, "application \"" + name + "\" has no operation in progress"
                    + (phase.isEmpty() ? "" : " (the last one " + phase + ")"));
        }
        ObjectNode patch = Json.object();
        patch.putObject("status").putObject("operationState").put("phase", "Terminating");
        return apps.patch(app, patch);
    }

    /** Asks the controller to compare again (hard: re-render too), as Argo CD's refresh annotation does. */
    public ObjectNode refresh(String ns, String name, boolean hard) throws ApiError {
        ObjectNode app = get(ns, name);
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put("argocd.argoproj.io/refresh", hard ? "hard" : "normal");
        return apps.patch(app, patch);
    }

    /**
     * A git provider's push webhook: refreshes exactly the applications that follow the pushed
     * repository at the pushed branch or tag (or HEAD, for the default branch).
     */
    ObjectNode webhook(String event, JsonNode payload) throws ApiError {
        if (event != null && !event.equals("push")) {
            ObjectNode ignored = Json.object();
            ignored.put("ignored", "event " + event + " is not a push");
            return ignored;
        }
        GitPush push = GitPush.parse(event, payload);
        if (push == null) {
            throw new ApiError(400, "not a push event of GitHub, GitLab or Bitbucket: the payload names no repository and ref");
        }
        ObjectNode out = Json.object();
        ArrayNode refreshed = out.putArray("refreshed");
        for (ObjectNode app : apps.list(new Applications.Filter(null, null, null, null, null, null))) {
            JsonNode source = app.path("spec").path("source");
            if (push.affects(source.path("repoURL").asText(""), source.path("targetRevision").asText(""))) {
                ObjectNode patch = Json.object();
                patch.putObject("metadata").putObject("annotations").put("argocd.argoproj.io/refresh", "normal");
                apps.patch(app, patch);
                refreshed.add(app.path("metadata").path("name").asText());
            }
        }
        return out;
    }

    public ObjectNode delete(String ns, String name, boolean cascade) throws ApiError {
        ObjectNode app = get(ns, name);
        apps.delete(app, cascade);
        ObjectNode out = Json.object();
        out.put("deleted", name);
        return out;
    }

    /** Kubernetes events about the Application, oldest first. */
    public ObjectNode events(String ns, String name) throws ApiError {
        ObjectNode app = get(ns, name);
        String appNs = app.path("metadata").path("namespace").asText();
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("items");
        try {
            List<Event> events = client.v1().events().inNamespace(appNs)
                    .withField("involvedObject.name", name).withField("involvedObject.kind", "Application").list().getItems();
            events.sort((a, b) -> String.valueOf(a.getLastTimestamp()).compareTo(String.valueOf(b.getLastTimestamp())));
            for (Event e : events) {
                items.add((JsonNode) Json.MAPPER.valueToTree(e));
            }
        } catch (KubernetesClientException e) {
            throw new ApiError(502, "the cluster did not answer the events query: " + e.getMessage());
        }
        return out;
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null || s.isEmpty() ? dflt : Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
