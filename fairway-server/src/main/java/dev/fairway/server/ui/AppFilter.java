package dev.fairway.server.ui;

import dev.fairway.kube.select.LabelSelector;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The filters of the applications page, kept in its URL: project, sync, health, destination
 * namespace, label selector and free text (in name, repository or path).
 */
record AppFilter(String project, String sync, String health, String namespace, String selector, String search) {

    static AppFilter from(Map<String, String> query) {
        return new AppFilter(trim(query.get("project")), trim(query.get("sync")), trim(query.get("health")),
                trim(query.get("namespace")), trim(query.get("selector")), trim(query.get("search")));
    }

    /** @throws IllegalArgumentException when the label selector does not parse */
    java.util.function.Predicate<AppSummary> predicate() {
        LabelSelector labels = selector.isEmpty() ? LabelSelector.EVERYTHING : LabelSelector.parse(selector);
        String text = search.toLowerCase(Locale.ROOT);
        return a -> (project.isEmpty() || project.equals(a.project()))
                && (sync.isEmpty() || sync.equalsIgnoreCase(a.sync()))
                && (health.isEmpty() || health.equalsIgnoreCase(a.health()))
                && (namespace.isEmpty() || namespace.equals(a.destinationNamespace()))
                && (labels.isEmpty() || labels.matches(a.labels()))
                && (text.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(text)
                        || a.repo().toLowerCase(Locale.ROOT).contains(text) || a.path().toLowerCase(Locale.ROOT).contains(text));
    }

    /** The filters as query parameters, empty ones left out. */
    Map<String, String> asQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "project", project);
        put(q, "sync", sync);
        put(q, "health", health);
        put(q, "namespace", namespace);
        put(q, "selector", selector);
        put(q, "search", search);
        return q;
    }

    AppFilter with(String field, String value) {
        Map<String, String> q = asQuery();
        q.put(field, value);
        return from(q);
    }

    private static void put(Map<String, String> q, String k, String v) {
        if (!v.isEmpty()) {
            q.put(k, v);
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
