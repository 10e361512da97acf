package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.server.ApiError;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;

/**
 * One object of an application: its live manifest (Secret values masked), the engine's diff
 * with git, its events and, for a Pod, its log (tail, and follow through server-sent events).
 */
final class ResourcePage {

    static final String MASK = "++++++++";
    static final int TAIL_LINES = 200;

    private final WebUi.Services services;

    ResourcePage(WebUi.Services services) {
        this.services = services;
    }

    String render(Http http, ObjectNode app) {
        String appNs = app.path("metadata").path("namespace").asText();
        String appName = app.path("metadata").path("name").asText();
        String group = http.q("group");
        String version = http.q("version").isEmpty() ? "v1" : http.q("version");
        String kind = http.q("kind");
        String ns = http.q("namespace");
        String name = http.q("name");
        if (kind.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("the link names no object: it needs kind and name (and namespace, group, version)");
        }
        Html h = new Html();
        h.open("nav", "aria-label", "Breadcrumb").open("a", "href", "/applications").text("Applications").close("a").text(" / ")
                .open("a", "href", Urls.app(appNs, appName)).text(appName).close("a").text(" / " + kind + "/" + name).close("nav");
        h.open("h1");
        Kinds.badge(h, kind);
        h.text(kind + "/" + name + (ns.isEmpty() ? "" : " in " + ns)).close("h1");
        GenericKubernetesResource live = null;
        String apiVersion = (group.isEmpty() ? "" : group + "/") + version;
        try {
            var op = services.client().genericKubernetesResources(apiVersion, kind);
            live = ns.isEmpty() ? op.withName(name).get() : op.inNamespace(ns).withName(name).get();
        } catch (KubernetesClientException e) {
            h.el("p", "The cluster did not answer for " + kind + "/" + name + ": " + e.getMessage(), "class", "error", "role", "alert");
        }
        h.open("section", "aria-labelledby", "diff-title").el("h2", "Diff with git (live → desired)", "id", "diff-title");
        diffOf(h, appName, group, kind, ns, name);
        h.close("section");
        h.open("section", "aria-labelledby", "live-title").el("h2", "Live manifest", "id", "live-title");
        if (live == null) {
            h.el("p", "Not in the cluster.", "class", "hint");
        } else {
            h.el("pre", Json.yaml(masked(Json.MAPPER.valueToTree(live))), "id", "live-manifest", "tabindex", "0",
                    "aria-label", "Live manifest");
        }
        h.close("section");
        events(h, kind, ns, name);
        if (kind.equals("Pod") && live != null) {
            logs(h, appNs, appName, ns, name, Json.MAPPER.valueToTree(live), http.q("container"));
        }
        return Layout.page(kind + "/" + name, "Applications", http.session(), h.toString());
    }

    /** Secret values never reach the browser: data, stringData and the last-applied copy are masked. */
    static ObjectNode masked(ObjectNode object) {
        ObjectNode o = object.deepCopy();
        ((ObjectNode) o.path("metadata")).remove("managedFields");
        if ("Secret".equals(o.path("kind").asText()) && o.path("apiVersion").asText().equals("v1")) {
            for (String field : List.of("data", "stringData")) {
                if (o.path(field).isObject()) {
                    ObjectNode values = (ObjectNode) o.path(field);
                    for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
                        values.put(it.next(), MASK);
                    }
                }
            }
            if (o.path("metadata").path("annotations").isObject()) {
                ObjectNode annotations = (ObjectNode) o.path("metadata").path("annotations");
                if (annotations.has("kubectl.kubernetes.io/last-applied-configuration")) {
                    annotations.put("kubectl.kubernetes.io/last-applied-configuration", MASK);
                }
            }
        }
        return o;
    }

    private void diffOf(Html h, String appName, String group, String kind, String ns, String name) {
        if (services.diffs() == null) {
            h.el("p", "This server runs no engine, so it cannot compare with git.", "class", "hint");
            return;
        }
        try {
            for (JsonNode r : services.diffs().diff(appName).path("resources")) {
                if (r.path("group").asText("").equals(group) && r.path("kind").asText().equals(kind)
                        && r.path("namespace").asText("").equals(ns) && r.path("name").asText().equals(name)) {
                    h.open("p", "id", "diff-state").text("State: ");
                    Layout.badge(h, r.path("state").asText());
                    h.close("p");
                    diff(h, r.path("diff").asText(""));
                    if (r.path("desired").isObject()) {
                        // shown when the engine's comparison carries it; masked here too, whatever the engine did
                        h.el("h3", "Desired manifest (from git)");
                        h.el("pre", Json.yaml(masked((ObjectNode) r.path("desired"))), "id", "desired-manifest", "tabindex", "0",
                                "aria-label", "Desired manifest");
                    }
                    return;
                }
            }
            h.el("p", "Not managed from git (an object that a managed one owns, such as a ReplicaSet or Pod).", "class", "hint");
        } catch (RuntimeException e) {
            h.el("p", "The engine cannot compare " + appName + " with git: " + e.getMessage(), "class", "error", "role", "alert");
        }
    }

    /** A unified diff, each added or removed line marked (by +/- and colour, so it reads without colour too). */
    static void diff(Html h, String text) {
        if (text.isEmpty()) {
            h.el("p", "No difference.", "class", "hint");
            return;
        }
        h.open("pre", "class", "diff", "tabindex", "0", "aria-label", "Diff");
        for (String line : text.split("\n", -1)) {
            String cls = line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : null;
            if (cls == null) {
                h.text(line + "\n");
            } else {
                h.el("span", line, "class", cls);
            }
        }
        h.close("pre");
    }

    private void events(Html h, String kind, String ns, String name) {
        h.open("section", "aria-labelledby", "events-title").el("h2", "Events", "id", "events-title");
        try {
            var op = ns.isEmpty() ? services.client().v1().events().inAnyNamespace() : services.client().v1().events().inNamespace(ns);
            List<Event> events = new java.util.ArrayList<>(op.withField("involvedObject.name", name).withField("involvedObject.kind", kind)
                    .list().getItems());
            if (events.isEmpty()) {
                h.el("p", "No events.", "class", "hint");
            } else {
                events.sort((a, b) -> String.valueOf(a.getLastTimestamp()).compareTo(String.valueOf(b.getLastTimestamp())));
                h.open("table", "class", "events").open("thead").open("tr");
                for (String c : List.of("Last seen", "Type", "Reason", "Message", "Count")) {
                    h.el("th", c, "scope", "col");
                }
                h.close("tr").close("thead").open("tbody");
                for (Event e : events) {
                    h.open("tr").el("td", e.getLastTimestamp() == null ? e.getEventTime() == null ? "" : e.getEventTime().getTime() : e.getLastTimestamp())
                            .el("td", e.getType()).el("td", e.getReason()).el("td", e.getMessage()).el("td", e.getCount()).close("tr");
                }
                h.close("tbody").close("table");
            }
        } catch (KubernetesClientException e) {
            h.el("p", "The cluster did not answer the events query: " + e.getMessage(), "class", "error");
        }
        h.close("section");
    }

    private void logs(Html h, String appNs, String appName, String ns, String pod, JsonNode live, String wanted) {
        h.open("section", "aria-labelledby", "logs-title").el("h2", "Logs", "id", "logs-title");
        List<String> containers = new java.util.ArrayList<>();
        live.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
        if (containers.isEmpty()) {
            h.el("p", "The pod has no containers.", "class", "hint").close("section");
            return;
        }
        String container = containers.contains(wanted) ? wanted : containers.get(0);
        if (containers.size() > 1) {
            h.open("form", "method", "get", "class", "inline");
            for (String k : List.of("group", "version", "kind", "namespace", "name")) {
                h.open("input", "type", "hidden", "name", k, "value", k.equals("kind") ? "Pod" : k.equals("name") ? pod
                        : k.equals("namespace") ? ns : k.equals("version") ? "v1" : "");
            }
            h.open("label", "for", "container").text("Container ").close("label").open("select", "id", "container", "name", "container");
            for (String c : containers) {
                h.open("option", "value", c, "selected", c.equals(container) ? "" : null).text(c).close("option");
            }
            h.close("select").open("button", "type", "submit").text("Show").close("button").close("form");
        }
        String text;
        try {
            text = services.client().pods().inNamespace(ns).withName(pod).inContainer(container).tailingLines(TAIL_LINES).getLog();
        } catch (KubernetesClientException e) {
            text = "";
            h.el("p", "The cluster did not answer the log query: " + e.getMessage(), "class", "error");
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("namespace", ns);
        q.put("pod", pod);
        q.put("container", container);
        h.open("p").el("span", "Last " + TAIL_LINES + " lines of " + container + ". ")
                .open("button", "type", "button", "data-follow", Urls.with(Urls.app(appNs, appName) + "/logs", q),
                        "aria-controls", "pod-logs", "aria-pressed", "false", "id", "follow-logs").text("Follow").close("button").close("p");
        h.el("pre", text == null ? "" : text, "class", "logs", "id", "pod-logs", "tabindex", "0", "aria-label", "Log of " + container,
                "aria-live", "off");
        h.close("section");
    }

    /** Server-sent events, one {@code event: line} per new log line, until the browser leaves. */
    void followLogs(Http http) throws ApiError {
        String ns = http.q("namespace");
        String pod = http.q("pod");
        String container = http.q("container");
        if (ns.isEmpty() || pod.isEmpty() || container.isEmpty()) {
            throw new ApiError(400, "following a log needs namespace, pod and container");
        }
        http.response().setStatus(200);
        http.response().getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        http.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        try (LogWatch watch = services.client().pods().inNamespace(ns).withName(pod).inContainer(container).tailingLines(0).watchLog();
             BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8));
             OutputStream out = Content.Sink.asOutputStream(http.response())) {
            out.write(": following\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                out.write(("event: line\ndata: " + line.replace("\r", "") + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("event: end\ndata: the container stopped\n\n".getBytes(StandardCharsets.UTF_8));
            http.callback().succeeded();
        } catch (IOException | KubernetesClientException e) {
            http.callback().failed(e); // the browser left, or the pod went away
        }
    }
}
