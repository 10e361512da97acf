package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.server.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sync and rollback, each in three steps that work without script: a form of options, a
 * confirmation that says what will happen (with the engine's diff), then the operation written
 * onto the Application through the same code as the REST API.
 */
final class OperationPages {

    private final WebUi.Services services;

    OperationPages(WebUi.Services services) {
        this.services = services;
    }

    void sync(Http http, ObjectNode app) throws ApiError {
        String ns = app.path("metadata").path("namespace").asText();
        String name = app.path("metadata").path("name").asText();
        if (http.request().getMethod().equals("GET")) {
            http.html(200, Layout.page("Sync " + name, "Applications", http.session(), syncForm(http, app)));
            return;
        }
        WebUi.expect(http.request().getMethod(), "POST");
        Map<String, String> form = http.form();
        List<String> selected = selectedResources(http);
        boolean prune = "on".equals(form.get("prune"));
        boolean dryRun = "on".equals(form.get("dryRun"));
        String revision = form.getOrDefault("revision", "").trim();
        if (!"yes".equals(form.get("confirmed"))) {
            http.html(200, Layout.page("Confirm sync of " + name, "Applications", http.session(),
                    confirmSync(http, app, prune, dryRun, revision, selected)));
            return;
        }
        if (dryRun) {
            Html h = new Html();
            h.el("h1", "Dry run of " + name);
            h.el("p", "Nothing was written. This is what a sync would change now:", "role", "status");
            diffSummary(h, name, selected);
            h.open("p").open("a", "href", Urls.app(ns, name)).text("Back to " + name).close("a").close("p");
            http.html(200, Layout.page("Dry run of " + name, "Applications", http.session(), h.toString()));
            return;
        }
        ObjectNode body = Json.object();
        if (!revision.isEmpty()) {
            body.put("revision", revision);
        }
        body.put("prune", prune);
        if (!selected.isEmpty()) {
            ArrayNode rs = body.putArray("resources");
            for (String key : selected) {
                String[] p = key.split("/", -1); // group/kind/namespace/name
                rs.addObject().put("group", p[0]).put("kind", p[1]).put("namespace", p[2]).put("name", p[3]);
            }
        }
        services.api().sync(ns, name, body, http.session().user());
        http.redirect(Urls.app(ns, name) + "?done=sync");
    }

    /** The checked resources of the sync form, as group/kind/namespace/name keys. */
    private static List<String> selectedResources(Http http) {
        List<String> out = new ArrayList<>();
        for (org.eclipse.jetty.util.Fields.Field f : org.eclipse.jetty.server.FormFields.getFields(http.request())) {
            if (f.getName().equals("resource")) {
                for (String v : f.getValues()) {
                    if (v.split("/", -1).length == 4) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    private String syncForm(Http http, ObjectNode app) {
        String ns = app.path("metadata").path("namespace").asText();
        String name = app.path("metadata").path("name").asText();
        Html h = new Html();
        h.el("h1", "Sync " + name);
        h.open("form", "method", "post", "action", Urls.app(ns, name) + "/sync", "class", "options");
        Layout.csrf(h, http.session());
        h.open("div", "class", "field").open("label", "for", "revision").text("Revision (branch, tag or commit; empty: the target revision)")
                .close("label").open("input", "id", "revision", "name", "revision", "placeholder",
                        app.path("spec").path("source").path("targetRevision").asText("HEAD")).close("div");
        h.open("fieldset").el("legend", "Options");
        h.open("label").open("input", "type", "checkbox", "name", "prune", "id", "prune").text(" Prune: delete objects that left git").close("label");
        h.open("label").open("input", "type", "checkbox", "name", "dryRun", "id", "dryRun").text(" Dry run: show what would change, write nothing")
                .close("label");
        h.close("fieldset");
        JsonNode resources = app.path("status").path("resources");
        if (resources.isArray() && !resources.isEmpty()) {
            h.open("fieldset").el("legend", "Resources (none checked: all of them)");
            int i = 0;
            for (JsonNode r : resources) {
                String key = r.path("group").asText("") + "/" + r.path("kind").asText() + "/" + r.path("namespace").asText("") + "/"
                        + r.path("name").asText();
                String id = "res-" + i++;
                h.open("label", "for", id).open("input", "type", "checkbox", "name", "resource", "value", key, "id", id).text(" ");
                Kinds.badge(h, r.path("kind").asText());
                h.text(r.path("kind").asText() + "/" + r.path("name").asText() + " ");
                Layout.badge(h, r.path("status").asText("Unknown"));
                h.close("label");
            }
            h.close("fieldset");
        }
        h.open("div", "class", "actions-bar").open("button", "type", "submit", "class", "primary").text("Review sync…").close("button")
                .open("a", "href", Urls.app(ns, name)).text("Cancel").close("a").close("div");
        h.close("form");
        return h.toString();
    }

    private String confirmSync(Http http, ObjectNode app, boolean prune, boolean dryRun, String revision, List<String> selected) {
        String ns = app.path("metadata").path("namespace").asText();
        String name = app.path("metadata").path("name").asText();
        Html h = new Html();
        h.el("h1", (dryRun ? "Dry run of " : "Sync ") + name + "?");
        h.open("ul", "class", "confirm");
        h.el("li", "Revision: " + (revision.isEmpty() ? app.path("spec").path("source").path("targetRevision").asText("HEAD") + " (target)" : revision));
        h.el("li", "Prune: " + (prune ? "yes, objects that left git are deleted" : "no"));
        h.el("li", "Dry run: " + (dryRun ? "yes, nothing is written" : "no"));
        h.el("li", "Resources: " + (selected.isEmpty() ? "all" : String.join(", ", selected)));
        h.close("ul");
        h.el("h2", "What differs from git now");
        diffSummary(h, name, selected);
        h.open("form", "method", "post", "action", Urls.app(ns, name) + "/sync");
        Layout.csrf(h, http.session());
        hidden(h, "confirmed", "yes");
        hidden(h, "revision", revision);
        hidden(h, "prune", prune ? "on" : "");
        hidden(h, "dryRun", dryRun ? "on" : "");
        for (String s : selected) {
            hidden(h, "resource", s);
        }
        h.open("div", "class", "actions-bar").open("button", "type", "submit", "class", "primary", "id", "confirm-sync")
                .text(dryRun ? "Run the dry run" : "Confirm sync").close("button")
                .open("a", "href", Urls.app(ns, name)).text("Cancel").close("a").close("div");
        h.close("form");
        return h.toString();
    }

    private static void hidden(Html h, String name, String value) {
        if (value != null && !value.isEmpty()) {
            h.open("input", "type", "hidden", "name", name, "value", value);
        }
    }

    /** The engine's comparison: each object that differs, with its diff. */
    private void diffSummary(Html h, String name, List<String> selected) {
        if (services.diffs() == null) {
            h.el("p", "This server runs no engine, so it cannot compare with git.", "class", "hint");
            return;
        }
        ObjectNode diff;
        try {
            diff = services.diffs().diff(name);
        } catch (RuntimeException e) {
            h.el("p", "The engine cannot compare " + name + " with git: " + e.getMessage(), "class", "error", "role", "alert");
            return;
        }
        int shown = 0;
        for (JsonNode r : diff.path("resources")) {
            String key = r.path("group").asText("") + "/" + r.path("kind").asText() + "/" + r.path("namespace").asText("") + "/"
                    + r.path("name").asText();
            if ("SYNCED".equals(r.path("state").asText()) || (!selected.isEmpty() && !selected.contains(key))) {
                continue;
            }
            shown++;
            h.open("h3").text(r.path("kind").asText() + "/" + r.path("name").asText() + " ");
            Layout.badge(h, r.path("state").asText());
            h.close("h3");
            ResourcePage.diff(h, r.path("diff").asText(""));
        }
        if (shown == 0) {
            h.el("p", "Nothing differs: the cluster matches git.", "class", "hint");
        }
    }

    void rollback(Http http, ObjectNode app) throws ApiError {
        String ns = app.path("metadata").path("namespace").asText();
        String name = app.path("metadata").path("name").asText();
        if (http.request().getMethod().equals("GET")) {
            String id = http.q("id");
            JsonNode entry = null;
            for (JsonNode e : app.path("status").path("history")) {
                if (e.path("id").asText().equals(id)) {
                    entry = e;
                }
            }
            if (entry == null) {
                throw new ApiError(404, "application \"" + name + "\" has no history entry " + id);
            }
            Html h = new Html();
            h.el("h1", "Roll back " + name + "?");
            h.open("p").text("This syncs " + name + " to revision ").el("code", entry.path("revision").asText())
                    .text(", deployed at " + entry.path("deployedAt").asText("") + " (history entry " + id + ").").close("p");
            if (app.path("spec").path("syncPolicy").hasNonNull("automated")) {
                h.el("p", "Automated sync is on, so a rollback would be undone at once: the server will refuse it. "
                        + "Turn off spec.syncPolicy.automated first.", "class", "error", "role", "alert");
            }
            h.open("form", "method", "post", "action", Urls.app(ns, name) + "/rollback");
            Layout.csrf(h, http.session());
            hidden(h, "id", id);
            h.open("label").open("input", "type", "checkbox", "name", "prune").text(" Prune objects that are not in that revision").close("label");
            h.open("div", "class", "actions-bar").open("button", "type", "submit", "class", "danger", "id", "confirm-rollback")
                    .text("Confirm rollback").close("button").open("a", "href", Urls.app(ns, name)).text("Cancel").close("a").close("div");
            h.close("form");
            http.html(200, Layout.page("Roll back " + name, "Applications", http.session(), h.toString()));
            return;
        }
        WebUi.expect(http.request().getMethod(), "POST");
        Map<String, String> form = http.form();
        ObjectNode body = Json.object();
        try {
            body.put("id", Long.parseLong(form.getOrDefault("id", "")));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "the rollback form names no history entry: go back to the application and pick one");
        }
        body.put("prune", "on".equals(form.get("prune")));
        services.api().rollback(ns, name, body, http.session().user());
        http.redirect(Urls.app(ns, name) + "?done=rollback");
    }
}
