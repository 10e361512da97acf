package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.server.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application: what it deploys from where, its status, the running operation's progress,
 * conditions, the resource tree (or a flat list for large apps) and the history with rollback.
 * Everything below the action bar is one live region that refreshes when the app changes.
 */
final class ApplicationPage {

    private final WebUi.Services services;
    private final ResourcePage resources;
    private final OperationPages operations;

    ApplicationPage(WebUi.Services services) {
        this.services = services;
        this.resources = new ResourcePage(services);
        this.operations = new OperationPages(services);
    }

    void route(Http http, String namespace, String name, String action, String sub) throws Exception {
        String method = http.request().getMethod();
        ObjectNode app = services.api().get(namespace, name);
        switch (action) {
            case "" -> {
                WebUi.expect(method, "GET");
                http.html(200, "live".equals(http.q("fragment")) ? live(http, app) : page(http, app));
            }
            case "resource" -> {
                WebUi.expect(method, "GET");
                http.html(200, resources.render(http, app));
            }
            case "logs" -> {
                WebUi.expect(method, "GET");
                resources.followLogs(http);
            }
            case "sync" -> operations.sync(http, app);
            case "rollback" -> operations.rollback(http, app);
            case "refresh" -> {
                WebUi.expect(method, "POST");
                boolean hard = "true".equals(http.form().get("hard"));
                services.api().refresh(namespace, name, hard);
                http.redirect(Urls.app(namespace, name) + "?done=" + (hard ? "hard-refresh" : "refresh"));
            }
            default -> throw new ApiError(404, "no such page: " + http.path());
        }
    }

    private String page(Http http, ObjectNode app) {
        JsonNode meta = app.path("metadata");
        String ns = meta.path("namespace").asText();
        String name = meta.path("name").asText();
        Html h = new Html();
        h.open("nav", "aria-label", "Breadcrumb").open("a", "href", "/applications").text("Applications").close("a")
                .text(" / " + name).close("nav");
        h.el("h1", name);
        String done = DONE.get(http.q("done"));
        if (done != null) {
            h.el("p", done, "class", "notice", "role", "status");
        }
        h.open("div", "class", "actions-bar", "role", "group", "aria-label", "Actions");
        h.open("a", "class", "button primary", "href", Urls.app(ns, name) + "/sync").text("Sync…").close("a");
        Layout.postButton(h, http.session(), Urls.app(ns, name) + "/refresh", "Refresh");
        Layout.postButton(h, http.session(), Urls.app(ns, name) + "/refresh", "Hard refresh", "hard", "true");
        h.close("div");
        h.open("div", "id", "app-live", "data-live", Urls.app(ns, name) + "?fragment=live" + ("list".equals(http.q("view")) ? "&view=list" : ""),
                "data-live-key", ns + "/" + name);
        h.raw(live(http, app));
        h.close("div");
        return Layout.page(name, "Applications", http.session(), h.toString());
    }

    private static final Map<String, String> DONE = Map.of("sync", "Sync started: the progress shows below.",
            "refresh", "Refresh requested: the engine compares with git again.",
            "hard-refresh", "Hard refresh requested: the engine renders the manifests again and compares.",
            "rollback", "Rollback started: the progress shows below.");

    private String live(Http http, ObjectNode app) {
        JsonNode spec = app.path("spec");
        JsonNode status = app.path("status");
        String ns = app.path("metadata").path("namespace").asText();
        String name = app.path("metadata").path("name").asText();
        Html h = new Html();
        h.open("dl", "class", "summary");
        h.el("dt", "Sync").open("dd", "id", "app-sync");
        Layout.badge(h, status.path("sync").path("status").asText("Unknown"));
        String rev = status.path("sync").path("revision").asText("");
        if (!rev.isEmpty()) {
            h.text(" to ").el("code", rev.length() > 12 ? rev.substring(0, 12) : rev, "title", rev);
        }
        h.close("dd");
        h.el("dt", "Health").open("dd", "id", "app-health");
        Layout.badge(h, status.path("health").path("status").asText("Unknown"));
        if (!status.path("health").path("message").asText("").isEmpty()) {
            h.text(" " + status.path("health").path("message").asText());
        }
        h.close("dd");
        h.el("dt", "Project").open("dd").open("a", "href", "/projects#project-" + spec.path("project").asText("default"))
                .text(spec.path("project").asText("default")).close("a").close("dd");
        h.el("dt", "Repository").el("dd", spec.path("source").path("repoURL").asText(""));
        h.el("dt", "Path").el("dd", spec.path("source").path("path").asText(""));
        h.el("dt", "Target revision").el("dd", spec.path("source").path("targetRevision").asText("HEAD"));
        h.el("dt", "Destination").el("dd", spec.path("destination").path("server").asText(spec.path("destination").path("name").asText(""))
                + " namespace " + spec.path("destination").path("namespace").asText(""));
        h.el("dt", "Sync policy").el("dd", spec.path("syncPolicy").hasNonNull("automated") ? "automated" : "manual");
        h.close("dl");
        conditions(h, status);
        operation(h, app);
        h.open("section", "aria-labelledby", "tree-title").el("h2", "Resources", "id", "tree-title");
        boolean list = "list".equals(http.q("view"));
        h.open("p", "class", "view-switch").text("View: ");
        h.open("a", "href", Urls.app(ns, name), "aria-current", list ? null : "true").text("Tree").close("a").text(" · ");
        h.open("a", "href", Urls.app(ns, name) + "?view=list", "aria-current", list ? "true" : null).text("List").close("a").close("p");
        tree(h, app, list);
        h.close("section");
        history(h, http, app);
        return h.toString();
    }

    private static void conditions(Html h, JsonNode status) {
        JsonNode conditions = status.path("conditions");
        if (!conditions.isArray() || conditions.isEmpty()) {
            return;
        }
        h.open("section", "aria-labelledby", "conditions-title").el("h2", "Conditions", "id", "conditions-title");
        h.open("ul", "class", "conditions");
        for (JsonNode c : conditions) {
            boolean error = c.path("type").asText().endsWith("Error");
            h.open("li", "class", error ? "error" : "notice", "role", error ? "alert" : null)
                    .el("strong", c.path("type").asText() + ": ").text(c.path("message").asText(""));
            if (!c.path("lastTransitionTime").asText("").isEmpty()) {
                h.text(" (since " + c.path("lastTransitionTime").asText() + ")");
            }
            h.close("li");
        }
        h.close("ul").close("section");
    }

    private static void operation(Html h, ObjectNode app) {
        JsonNode op = app.path("status").path("operationState");
        h.open("section", "aria-labelledby", "op-title", "id", "operation").el("h2", "Last operation", "id", "op-title");
        if (app.hasNonNull("operation") && (op.isMissingNode() || !"Running".equals(op.path("phase").asText()))) {
            h.open("p").text("Requested by " + app.path("operation").path("initiatedBy").path("username").asText("someone") + ", ");
            Layout.badge(h, "Pending");
            h.text(" until the engine picks it up.").close("p");
        }
        if (op.isMissingNode()) {
            if (!app.hasNonNull("operation")) {
                h.el("p", "No sync has run yet.", "class", "hint");
            }
            h.close("section");
            return;
        }
        h.open("p", "id", "op-phase");
        Layout.badge(h, op.path("phase").asText("Unknown"));
        h.text(" " + op.path("message").asText(""));
        h.text(" · started " + op.path("startedAt").asText(""));
        if (!op.path("finishedAt").asText("").isEmpty()) {
            h.text(", finished " + op.path("finishedAt").asText());
        }
        String rev = op.path("syncResult").path("revision").asText("");
        if (!rev.isEmpty()) {
            h.text(" · revision ").el("code", rev.length() > 12 ? rev.substring(0, 12) : rev, "title", rev);
        }
        h.close("p");
        JsonNode results = op.path("syncResult").path("resources");
        if (results.isArray() && !results.isEmpty()) {
            h.open("table", "class", "results").el("caption", "Per-resource results, in sync order");
            h.open("thead").open("tr");
            java.util.Map<String, String> waves = new java.util.HashMap<>();
            for (JsonNode r : app.path("status").path("resources")) {
                waves.put(r.path("kind").asText() + "/" + r.path("namespace").asText("") + "/" + r.path("name").asText(),
                        r.path("syncWave").asText("0"));
            }
            for (String c : List.of("Phase", "Wave", "Kind", "Namespace", "Name", "Status", "Hook", "Message")) {
                h.el("th", c, "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (JsonNode r : results) {
                String wave = r.has("hookType") ? "hook"
                        : waves.getOrDefault(r.path("kind").asText() + "/" + r.path("namespace").asText("") + "/" + r.path("name").asText(), "0");
                h.open("tr").el("td", r.path("syncPhase").asText("Sync")).el("td", wave).open("td");
                Kinds.badge(h, r.path("kind").asText());
                h.text(r.path("kind").asText()).close("td").el("td", r.path("namespace").asText("")).el("th", r.path("name").asText(), "scope", "row")
                        .open("td");
                Layout.badge(h, r.path("status").asText(""));
                h.close("td").el("td", r.has("hookType") ? r.path("hookType").asText() + " " + r.path("hookPhase").asText("") : "")
                        .el("td", r.path("message").asText("")).close("tr");
            }
            h.close("tbody").close("table");
        }
        h.close("section");
    }

    private void tree(Html h, ObjectNode app, boolean list) {
        JsonNode nodes;
        try {
            nodes = services.tree().apply(app).path("nodes");
        } catch (RuntimeException e) {
            h.el("p", "The cluster did not answer the resource tree query: " + e.getMessage(), "class", "error", "role", "alert");
            return;
        }
        if (nodes.isEmpty()) {
            h.el("p", "The engine has not reported any resources of this application yet.", "class", "hint");
            return;
        }
        String base = Urls.app(app.path("metadata").path("namespace").asText(), app.path("metadata").path("name").asText());
        if (list) {
            h.open("table", "class", "resources").el("caption", "Every object of the application and what it owns");
            h.open("thead").open("tr");
            for (String c : List.of("Kind", "Namespace", "Name", "Sync", "Health")) {
                h.el("th", c, "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (JsonNode n : nodes) {
                listRows(h, n, base, 0);
            }
            h.close("tbody").close("table");
            return;
        }
        h.open("ul", "class", "tree", "aria-label", "Resource tree");
        for (JsonNode n : nodes) {
            treeNode(h, n, base);
        }
        h.close("ul");
    }

    private static void treeNode(Html h, JsonNode n, String base) {
        h.open("li", "data-kind", n.path("kind").asText(), "data-name", n.path("name").asText());
        Kinds.badge(h, n.path("kind").asText());
        h.open("a", "href", resourceLink(base, n)).text(n.path("kind").asText() + "/" + n.path("name").asText()).close("a");
        states(h, n);
        if (n.path("children").isArray() && !n.path("children").isEmpty()) {
            h.open("ul");
            for (JsonNode c : n.path("children")) {
                treeNode(h, c, base);
            }
            h.close("ul");
        }
        h.close("li");
    }

    private static void states(Html h, JsonNode n) {
        if (!n.path("status").asText("").isEmpty()) {
            h.text(" ");
            Layout.badge(h, n.path("status").asText());
        }
        if (n.has("health")) {
            h.text(" ");
            Layout.badge(h, n.path("health").path("status").asText("Unknown"));
        }
        if (n.has("phase")) {
            h.text(" ");
            Layout.badge(h, n.path("phase").asText());
        }
    }

    private static void listRows(Html h, JsonNode n, String base, int depth) {
        h.open("tr").open("td", "style", null);
        Kinds.badge(h, n.path("kind").asText());
        h.text(n.path("kind").asText()).close("td").el("td", n.path("namespace").asText(""));
        h.open("th", "scope", "row").text(depth > 0 ? "↳ ".repeat(depth) : "").open("a", "href", resourceLink(base, n))
                .text(n.path("name").asText()).close("a").close("th");
        h.open("td");
        if (!n.path("status").asText("").isEmpty()) {
            Layout.badge(h, n.path("status").asText());
        }
        h.close("td").open("td");
        if (n.has("health")) {
            Layout.badge(h, n.path("health").path("status").asText("Unknown"));
        } else if (n.has("phase")) {
            Layout.badge(h, n.path("phase").asText());
        }
        h.close("td").close("tr");
        for (JsonNode c : n.path("children")) {
            listRows(h, c, base, depth + 1);
        }
    }

    static String resourceLink(String base, JsonNode n) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("group", n.path("group").asText(""));
        q.put("version", n.path("version").asText(""));
        q.put("kind", n.path("kind").asText());
        q.put("namespace", n.path("namespace").asText(""));
        q.put("name", n.path("name").asText());
        return Urls.with(base + "/resource", q);
    }

    private static void history(Html h, Http http, ObjectNode app) {
        JsonNode history = app.path("status").path("history");
        String base = Urls.app(app.path("metadata").path("namespace").asText(), app.path("metadata").path("name").asText());
        h.open("section", "aria-labelledby", "history-title").el("h2", "History", "id", "history-title");
        if (!history.isArray() || history.isEmpty()) {
            h.el("p", "No deployment recorded yet.", "class", "hint").close("section");
            return;
        }
        boolean automated = app.path("spec").path("syncPolicy").hasNonNull("automated");
        h.open("table", "class", "history").el("caption", "Deployments, newest first");
        h.open("thead").open("tr");
        for (String c : List.of("ID", "Revision", "Deployed at", "By", "")) {
            h.el("th", c, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (int i = history.size() - 1; i >= 0; i--) {
            JsonNode e = history.get(i);
            String id = e.path("id").asText();
            h.open("tr", "data-history", id).el("th", id, "scope", "row")
                    .open("td").el("code", e.path("revision").asText(""), "title", e.path("revision").asText("")).close("td")
                    .el("td", e.path("deployedAt").asText("")).el("td", e.path("initiatedBy").path("username").asText("")).open("td");
            if (i == history.size() - 1) {
                h.text("current");
            } else if (automated) {
                h.el("span", "rollback needs automated sync off", "class", "hint");
            } else {
                h.open("a", "class", "button", "href", base + "/rollback?id=" + Urls.enc(id), "aria-label", "Roll back to deployment " + id)
                        .text("Rollback…").close("a");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("section");
    }

    static String yaml(JsonNode node) {
        return Json.yaml(node);
    }
}
