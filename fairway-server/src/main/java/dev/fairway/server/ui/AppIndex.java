package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.server.Applications;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A summary of every Application, kept current from the API's informer, so that filtering and
 * paging 10,000 apps touches small records rather than whole JSON trees.
 */
final class AppIndex implements AutoCloseable {

    static final Comparator<AppSummary> ORDER = Comparator.comparing(AppSummary::namespace).thenComparing(AppSummary::name);

    private final Applications apps;
    private final Map<String, AppSummary> byKey = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, ObjectNode> onChange = this::changed;

    AppIndex(Applications apps) {
        this.apps = apps;
        // listen first, then fill: a change that races the fill wins, as it is newer
        apps.addListener(onChange);
        for (ObjectNode app : apps.list(new Applications.Filter(null, null, null, null, null, null))) {
            byKey.putIfAbsent(key(app), AppSummary.of(app));
        }
    }

    private void changed(String type, ObjectNode app) {
        String key = key(app);
        if ("DELETED".equals(type)) {
            byKey.remove(key);
        } else {
            byKey.put(key, AppSummary.of(app));
        }
        for (Consumer<String> l : listeners) {
            l.accept(key);
        }
    }

    /** Called with {@code namespace/name} of every app that changes. */
    void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    List<AppSummary> list(Predicate<AppSummary> filter) {
        List<AppSummary> out = new ArrayList<>();
        for (AppSummary a : byKey.values()) {
            if (filter.test(a)) {
                out.add(a);
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Every app, in no particular order (cheaper than {@link #all()} when order does not matter). */
    java.util.Collection<AppSummary> unordered() {
        return byKey.values();
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    List<AppSummary> all() {
        return list(a -> true);
    }

    Optional<AppSummary> get(String namespace, String name) {
        return Optional.ofNullable(byKey.get(namespace + "/" + name));
    }

    private static String key(ObjectNode app) {
        return app.path("metadata").path("namespace").asText() + "/" + app.path("metadata").path("name").asText();
    }

    @Override
    public void close() {
        apps.removeListener(onChange);
    }
}
