package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.FieldSelectors;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import dev.fairway.sandbox.api.ObjectService.ListPage;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.store.Change;
import dev.fairway.sandbox.store.StoredObject;
import dev.fairway.sandbox.watch.WatchHub;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;

/**
 * Serves {@code ?watch=true}: newline-delimited JSON events, from a resourceVersion (replayed from
 * the hub's history) or from "now" with the current state first, with label and field selectors
 * (an object leaving a selector is a DELETED event for that watcher, entering it an ADDED),
 * bookmarks, timeouts, and Table events for {@code kubectl get -w}.
 */
public final class Watches {

    private static final long BOOKMARK_INTERVAL_MS = 15_000;

    private final ObjectService service;
    private final WatchHub hub;
    private final Representations representations;
    private volatile boolean shuttingDown;

    public Watches(ObjectService service, WatchHub hub, Representations representations) {
        this.service = service;
        this.hub = hub;
        this.representations = representations;
    }

    /** Ends every open watch within a second, so the server can stop; clients re-watch elsewhere or later. */
    public void shutdown() {
        shuttingDown = true;
    }

    void serve(ApiHandler.Exchange ex, ResourceType t, String namespace, ListOptions opts) throws ApiException, IOException {
        FieldSelectors.check(t, opts.fields());
        String rvParam = ex.query("resourceVersion");
        Long timeout = ex.longQuery("timeoutSeconds");
        boolean bookmarks = ex.flag("allowWatchBookmarks");
        long timeoutMs = (timeout != null && timeout > 0 ? timeout : 1800 + ThreadLocalRandom.current().nextInt(1800)) * 1000L;
        boolean table = "Table".equals(MediaTypes.parse(ex.header(HttpHeader.ACCEPT))
                .firstAs("meta.k8s.io", List.of("Table")));
        String name = opts.fields().exactValue("metadata.name");
        String exactKey = null;
        if (name != null && (namespace != null || !t.namespaced())) {
            exactKey = ObjectService.key(t, namespace, name).encode();
        }
        WatchHub.Scope scope = new WatchHub.Scope(ObjectService.prefix(t, namespace), exactKey);
        ListPage initial = null;
        long from;
        if (rvParam == null || rvParam.isEmpty() || rvParam.equals("0")) {
            from = service.store().revision();
            initial = service.list(t, namespace, new ListOptions(opts.labels(), opts.fields(), 0, null));
        } else {
            try {
                from = Long.parseLong(rvParam);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("resourceVersion: Invalid value: \"" + rvParam + "\": must be a number");
            }
        }
        WatchHub.Subscription sub;
        ex.code = 200;
        ex.response.setStatus(200);
        ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        ex.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
        OutputStream out = Content.Sink.asOutputStream(ex.response);
        ex.done = true;
        try {
            sub = hub.subscribe(scope, from);
        } catch (WatchHub.TooOldException e) {
            ObjectNode status = new ApiException(410, "Expired", "too old resource version: " + from + " (" + e.oldestAvailable() + ")", null).status();
            writeEvent(out, "ERROR", status);
            out.close();
            ex.callback.succeeded();
            return;
        }
        boolean[] headersSent = {false};
        try (sub) {
            if (initial != null) {
                for (ObjectNode o : initial.items()) {
                    writeEvent(out, "ADDED", render(t, o, table, headersSent));
                }
                out.flush();
            }
            long deadline = System.currentTimeMillis() + timeoutMs;
            long nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MS;
            long lastRv = from;
            while (System.currentTimeMillis() < deadline && !shuttingDown) {
                Change c = sub.poll(Math.min(1000, Math.max(1, deadline - System.currentTimeMillis())));
                if (c == null) {
                    if (sub.overflowed()) {
                        break;
                    }
                    if (bookmarks && System.currentTimeMillis() >= nextBookmark) {
                        writeEvent(out, "BOOKMARK", bookmark(t, Math.max(lastRv, service.store().revision())));
                        out.flush();
                        nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MS;
                    }
                    continue;
                }
                lastRv = c.resourceVersion();
                String type = eventType(t, c, opts);
                if (type == null) {
                    continue;
                }
                if (!table && t.storageVersion()) {
                    // the stored bytes are the object as this version serves it: no need to parse them
                    writeRawEvent(out, type, c.json());
                } else {
                    ObjectNode obj = service.read(t, new StoredObject(c.key(), c.resourceVersion(), c.json()));
                    writeEvent(out, type, render(t, obj, table, headersSent));
                }
                out.flush();
                nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MS;
            }
            out.close();
            ex.callback.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.callback.failed(e);
        } catch (IOException e) {
            ex.callback.failed(e);
        }
    }

    private ObjectNode render(ResourceType t, ObjectNode obj, boolean table, boolean[] headersSent) {
        if (!table) {
            return obj;
        }
        ObjectNode tbl = representations.table(t, List.of(obj), "Object", headersSent[0] ? Boolean.FALSE : Boolean.TRUE);
        headersSent[0] = true;
        return tbl;
    }

    /** The event a watcher with these selectors sees for a change, or null for none. */
    private String eventType(ResourceType t, Change c, ListOptions opts) {
        boolean filtering = !opts.labels().isEmpty() || !opts.fields().isEmpty();
        if (!filtering) {
            return c.type().name();
        }
        boolean now = matches(t, c.json(), opts);
        boolean before = c.previous() != null && matches(t, c.previous(), opts);
        return switch (c.type()) {
            case ADDED -> now ? "ADDED" : null;
            case DELETED -> before || now ? "DELETED" : null;
            case MODIFIED -> now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null;
        };
    }

    private boolean matches(ResourceType t, byte[] json, ListOptions opts) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(json);
            return opts.labels().matchesObject(o) && opts.fields().matches(o);
        } catch (IOException e) {
            return false;
        }
    }

    private static ObjectNode bookmark(ResourceType t, long rv) {
        ObjectNode o = Json.object();
        o.put("kind", t.kind());
        o.put("apiVersion", t.groupVersion().toString());
        o.putObject("metadata").put("resourceVersion", Long.toString(rv));
        return o;
    }

    private static void writeRawEvent(OutputStream out, String type, byte[] json) throws IOException {
        out.write(("{\"type\":\"" + type + "\",\"object\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(json);
        out.write('}');
        out.write('\n');
    }

    private static void writeEvent(OutputStream out, String type, ObjectNode obj) throws IOException {
        ObjectNode e = Json.object();
        e.put("type", type);
        e.set("object", obj);
        out.write(Json.bytes(e));
        out.write('\n');
    }
}
