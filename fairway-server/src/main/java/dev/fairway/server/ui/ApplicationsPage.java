package dev.fairway.server.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every application as a table row, filtered and paged on the server, so that the browser paints
 * one page of rows whatever the number of apps. The list region refreshes itself when apps change.
 */
final class ApplicationsPage {

    static final int PAGE_SIZE = 100;
    static final List<String> SYNC = List.of("Synced", "OutOfSync", "Unknown");
    static final List<String> HEALTH = List.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");

    private final AppIndex index;

    ApplicationsPage(AppIndex index) {
        this.index = index;
    }

    String render(Http http) {
        AppFilter filter = AppFilter.from(http.query());
        String list = list(filter, page(http), http);
        if ("1".equals(http.q("fragment"))) {
            return list;
        }
        Html h = new Html();
        h.el("h1", "Applications");
        filterForm(h, filter);
        h.raw(list);
        return Layout.page("Applications", "Applications", http.session(), h.toString());
    }

    private static int page(Http http) {
        try {
            return Math.max(1, Integer.parseInt(http.q("page")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void filterForm(Html h, AppFilter f) {
        TreeSet<String> projects = new TreeSet<>();
        TreeSet<String> namespaces = new TreeSet<>();
        for (AppSummary a : index.unordered()) {
            projects.add(a.project());
            namespaces.add(a.destinationNamespace());
        }
        h.open("form", "method", "get", "action", "/applications", "class", "filters", "role", "search", "aria-label", "Filter applications");
        select(h, "project", "Project", projects, f.project());
        select(h, "sync", "Sync status", SYNC, f.sync());
        select(h, "health", "Health", HEALTH, f.health());
        select(h, "namespace", "Namespace", namespaces, f.namespace());
        h.open("div", "class", "field").open("label", "for", "f-selector").text("Labels").close("label")
                .open("input", "id", "f-selector", "name", "selector", "value", f.selector(), "placeholder", "team=idp,tier!=db").close("div");
        h.open("div", "class", "field").open("label", "for", "f-search").text("Search").close("label")
                .open("input", "id", "f-search", "name", "search", "type", "search", "value", f.search(), "placeholder", "name, repo or path")
                .close("div");
        h.open("div", "class", "field actions").open("button", "type", "submit").text("Filter").close("button")
                .open("a", "href", "/applications").text("Clear").close("a").close("div");
        h.close("form");
    }

    /** Beyond this many choices a text field serves better than a list (and keeps the page small). */
    static final int MAX_CHOICES = 200;

    private static void select(Html h, String name, String label, java.util.Collection<String> values, String current) {
        if (values.size() > MAX_CHOICES) {
            h.open("div", "class", "field").open("label", "for", "f-" + name).text(label).close("label")
                    .open("input", "id", "f-" + name, "name", name, "value", current, "placeholder", "any").close("div");
            return;
        }
        h.open("div", "class", "field").open("label", "for", "f-" + name).text(label).close("label")
                .open("select", "id", "f-" + name, "name", name).open("option", "value", "").text("any").close("option");
        for (String v : values) {
            h.open("option", "value", v, "selected", v.equalsIgnoreCase(current) ? "" : null).text(v.isEmpty() ? "(none)" : v).close("option");
        }
        h.close("select").close("div");
    }

    private String list(AppFilter filter, int page, Http http) {
        Html h = new Html();
        Map<String, String> self = new LinkedHashMap<>(filter.asQuery());
        if (page > 1) {
            self.put("page", String.valueOf(page));
        }
        self.put("fragment", "1");
        h.open("div", "id", "app-list", "data-live", Urls.with("/applications", self), "data-live-key", "*");
        List<AppSummary> apps;
        try {
            apps = index.list(filter.predicate());
        } catch (IllegalArgumentException e) {
            h.el("p", "The label filter \"" + filter.selector() + "\" is not a label selector: " + e.getMessage()
                    + ". Write it as kubectl does, e.g. team=idp,tier!=db.", "class", "error", "role", "alert");
            return h.close("div").toString();
        }
        counts(h, filter, apps);
        int pages = Math.max(1, (apps.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(page, pages);
        int from = (p - 1) * PAGE_SIZE;
        int to = Math.min(apps.size(), from + PAGE_SIZE);
        if (apps.isEmpty()) {
            h.el("p", index.isEmpty() ? "No applications yet: add an Application to the cluster, or run fairway deploy."
                    : "No application matches these filters.", "class", "empty");
        } else {
            h.open("table", "class", "apps").el("caption", "Applications " + (from + 1) + "–" + to + " of " + apps.size(), "id", "apps-caption");
            h.open("thead").open("tr");
            for (String c : List.of("Name", "Project", "Sync", "Health", "Repository", "Path", "Revision", "Last sync")) {
                h.el("th", c, "scope", "col");
            }
            h.close("tr").close("thead").open("tbody");
            for (AppSummary a : apps.subList(from, to)) {
                row(h, a);
            }
            h.close("tbody").close("table");
        }
        pager(h, filter, p, pages);
        return h.close("div").toString();
    }

    private static void row(Html h, AppSummary a) {
        h.open("tr", "data-app", a.key());
        h.open("th", "scope", "row").open("a", "href", Urls.app(a.namespace(), a.name())).text(a.name()).close("a").close("th");
        h.el("td", a.project());
        h.open("td", "class", "sync");
        Layout.badge(h, a.sync());
        if (!a.operation().isEmpty() && !a.operation().equals("Succeeded")) {
            h.text(" ");
            Layout.badge(h, a.operation());
        }
        h.close("td").open("td", "class", "health");
        Layout.badge(h, a.health());
        h.close("td");
        h.el("td", a.repo(), "class", "repo");
        h.el("td", a.path());
        h.open("td").el("span", a.targetRevision()).text(a.revision().isEmpty() ? "" : " ")
                .el("code", a.revision().length() > 7 ? a.revision().substring(0, 7) : a.revision(), "title", a.revision()).close("td");
        h.el("td", a.lastSync().isEmpty() ? "never" : a.lastSync().replace('T', ' ').replace("Z", ""));
        h.close("tr");
    }

    private static void counts(Html h, AppFilter filter, List<AppSummary> apps) {
        Map<String, Integer> sync = new TreeMap<>();
        Map<String, Integer> health = new TreeMap<>();
        for (AppSummary a : apps) {
            sync.merge(a.sync(), 1, Integer::sum);
            health.merge(a.health(), 1, Integer::sum);
        }
        h.open("div", "class", "counts", "aria-label", "Counts per status");
        countGroup(h, filter, "sync", "Sync", sync);
        countGroup(h, filter, "health", "Health", health);
        h.close("div");
    }

    private static void countGroup(Html h, AppFilter filter, String field, String label, Map<String, Integer> counts) {
        h.open("ul", "class", "count-group", "aria-label", label).el("li", label + ":", "class", "count-label");
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            h.open("li").open("a", "href", Urls.with("/applications", filter.with(field, e.getKey()).asQuery()),
                    "data-count", field + ":" + e.getKey());
            Layout.badge(h, e.getKey());
            h.text(" ").el("span", e.getValue(), "class", "n").close("a").close("li");
        }
        h.close("ul");
    }

    private static void pager(Html h, AppFilter filter, int page, int pages) {
        if (pages <= 1) {
            return;
        }
        h.open("nav", "class", "pager", "aria-label", "Pages");
        Map<String, String> q = new LinkedHashMap<>(filter.asQuery());
        if (page > 1) {
            q.put("page", String.valueOf(page - 1));
            h.open("a", "href", Urls.with("/applications", q), "rel", "prev").text("← Previous").close("a");
        }
        h.el("span", "Page " + page + " of " + pages);
        if (page < pages) {
            q.put("page", String.valueOf(page + 1));
            h.open("a", "href", Urls.with("/applications", q), "rel", "next").text("Next →").close("a");
        }
        h.close("nav");
    }
}
