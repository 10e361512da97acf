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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code ?watch=true}: events from a resourceVersion (replayed from the hub's history) or
 * from "now" with the current state first, with label and field selectors (an object leaving a
 * selector is a DELETED event for that watcher, entering it an ADDED), bookmarks, timeouts, and
 * Table events for {@code kubectl get -w}. Events go out as newline-delimited JSON on a chunked
 * response, or as one WebSocket message each when the client upgrades (as the fabric8 client does).
 */
public final class Watches {

    private static final Logger LOG = LoggerFactory.getLogger(Watches.class);
    private static final long BOOKMARK_INTERVAL_MS = 15_000;

    private final ObjectService service;
    private final WatchHub hub;
    private final Representations representations;
    private final ServerWebSocketContainer websockets;
    private final ExecutorService websocketWatches = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "watch-websocket");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean shuttingDown;

    public Watches(ObjectService service, WatchHub hub, Representations representations, ServerWebSocketContainer websockets) {
        this.service = service;
        this.hub = hub;
        this.representations = representations;
        this.websockets = websockets;
    }

    /** Ends every open watch within a second, so the server can stop; clients re-watch elsewhere or later. */
    public void shutdown() {
        shuttingDown = true;
        websocketWatches.shutdown();
    }

    /** Where one watch's events go. */
    private interface EventSink {
        void send(byte[] event) throws IOException;

        void flush() throws IOException;

        boolean open();
    }

    /** One watch: what to send and from where; {@link #run} streams until timeout, overflow or shutdown. */
    private final class Stream {
        final ResourceType t;
        final ListOptions opts;
        final ListPage initial;
        final WatchHub.Subscription sub;
        final long from;
        final long timeoutMs;
        final boolean bookmarks;
        final boolean table;
        boolean headersSent;

        Stream(ResourceType t, ListOptions opts, ListPage initial, WatchHub.Subscription sub, long from, long timeoutMs,
               boolean bookmarks, boolean table) {
            this.t = t;
            this.opts = opts;
            this.initial = initial;
            this.sub = sub;
            this.from = from;
            this.timeoutMs = timeoutMs;
            this.bookmarks = bookmarks;
            this.table = table;
        }

        void run(EventSink sink) throws IOException, InterruptedException {
            try (sub) {
                if (initial != null) {
                    for (ObjectNode o : initial.items()) {
                        sink.send(event("ADDED", render(o)));
                    }
                }
                sink.flush();
                long deadline = System.currentTimeMillis() + timeoutMs;
                long nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MS;
                long lastRv = from;
                while (System.currentTimeMillis() < deadline && !shuttingDown && sink.open()) {
                    Change c = sub.poll(Math.min(1000, Math.max(1, deadline - System.currentTimeMillis())));
                    if (c == null) {
                        if (sub.overflowed()) {
                            break;
                        }
                        if (bookmarks && System.currentTimeMillis() >= nextBookmark) {
                            sink.send(event("BOOKMARK", bookmark(t, Math.max(lastRv, service.store().revision()))));
                            sink.flush();
                            nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MS;
                        }
                        continue;
                    }
                    lastRv = c.resourceVersion();
                    String type = eventType(c, opts);
                    if (type == null) {
                        continue;
                    }
                    if (!table && t.storageVersion()) {
                        // the stored bytes are the object as this version serves it: no need to parse them
                        sink.send(rawEvent(type, c.json()));
                    } else {
                        ObjectNode obj = service.read(t, new StoredObject(c.key(), c.resourceVersion(), c.json()));
                        sink.send(event(type, render(obj)));
                    }
                    sink.flush();
                    nextBookmark = System.currentTimeMillis() + BOOKMARK_INTERVAL_MS;
                }
            }
        }

        private ObjectNode render(ObjectNode obj) {
            if (!table) {
                return obj;
            }
            ObjectNode tbl = representations.table(t, List.of(obj), "Object", headersSent ? Boolean.FALSE : Boolean.TRUE);
            headersSent = true;
            return tbl;
        }
    }

    void serve(ApiHandler.Exchange ex, ResourceType t, String namespace, ListOptions opts) throws ApiException, IOException {
        FieldSelectors.check(t, opts.fields());
        String rvParam = ex.query("resourceVersion");
        Long timeout = ex.longQuery("timeoutSeconds");
        boolean bookmarks = ex.flag("allowWatchBookmarks");
        long timeoutMs = (timeout != null && timeout > 0 ? timeout : 1800 + ThreadLocalRandom.current().nextInt(1800)) * 1000L;
        boolean table = "Table".equals(MediaTypes.parse(ex.header(HttpHeader.ACCEPT)).firstAs("meta.k8s.io", List.of("Table")));
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
        WatchHub.Subscription sub = null;
        byte[] tooOld = null;
        try {
            sub = hub.subscribe(scope, from);
        } catch (WatchHub.TooOldException e) {
            tooOld = event("ERROR", new ApiException(410, "Expired", "too old resource version: " + from
                    + " (" + e.oldestAvailable() + ")", null).status());
        }
        Stream stream = sub == null ? null : new Stream(t, opts, initial, sub, from, timeoutMs, bookmarks, table);
        ex.code = 200;
        if (isWebSocket(ex)) {
            upgrade(ex, stream, tooOld);
            return;
        }
        ex.response.setStatus(200);
        ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        ex.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
        ex.done = true;
        OutputStream out = Content.Sink.asOutputStream(ex.response);
        try {
            if (tooOld != null) {
                out.write(tooOld);
                out.write('\n');
                out.close();
                ex.callback.succeeded();
                return;
            }
            // commit the response headers now, as kube-apiserver does: clients count a watch as
            // started only once its response has begun, even when no event is due for a long time
            commitHeaders(ex.response);
            stream.run(new EventSink() {
                @Override
                public void send(byte[] event) throws IOException {
                    out.write(event);
                    out.write('\n');
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public boolean open() {
                    return true;
                }
            });
            out.close();
            ex.callback.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.callback.failed(e);
        } catch (IOException e) {
            ex.callback.failed(e);
        }
    }

    private static boolean isWebSocket(ApiHandler.Exchange ex) {
        String upgrade = ex.request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Watch over a WebSocket: each event is one text message, as kube-apiserver sends them. */
    private void upgrade(ApiHandler.Exchange ex, Stream stream, byte[] tooOld) throws ApiException {
        boolean upgraded;
        try {
            upgraded = websockets.upgrade((req, resp, cb) -> {
                cb.succeeded();
                return new WatchSocket(stream, tooOld);
            }, ex.request, ex.response, ex.callback);
        } catch (RuntimeException e) {
            if (stream != null) {
                stream.sub.close();
            }
            throw ApiException.badRequest("the WebSocket upgrade failed: " + e.getMessage());
        }
        if (!upgraded) {
            if (stream != null) {
                stream.sub.close();
            }
            throw ApiException.badRequest("the WebSocket upgrade was refused: send a valid WebSocket handshake or watch without one");
        }
        ex.done = true;
    }

    /** The server side of one WebSocket watch; its stream runs on its own thread. */
    public final class WatchSocket implements Session.Listener.AutoDemanding {
        private final Stream stream;
        private final byte[] tooOld;
        private volatile Session session;

        WatchSocket(Stream stream, byte[] tooOld) {
            this.stream = stream;
            this.tooOld = tooOld;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            this.session = s;
            if (tooOld != null) {
                s.sendText(new String(tooOld, StandardCharsets.UTF_8), Callback.from(s::close, e -> s.close()));
                return;
            }
            try {
                websocketWatches.submit(() -> {
                    try {
                        stream.run(new EventSink() {
                            @Override
                            public void send(byte[] event) throws IOException {
                                try (Blocker.Callback cb = Blocker.callback()) {
                                    s.sendText(new String(event, StandardCharsets.UTF_8), Callback.from(cb::succeeded, cb::failed));
                                    cb.block();
                                }
                            }

                            @Override
                            public void flush() {
                                // every message is sent whole
                            }

                            @Override
                            public boolean open() {
                                return s.isOpen();
                            }
                        });
                    } catch (IOException e) {
                        LOG.debug("event=websocket_watch_ended error={}", e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (s.isOpen()) {
                            s.close(1000, "watch ended", Callback.NOOP);
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                stream.sub.close();
                s.close(1001, "server shutting down", Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            if (stream != null) {
                stream.sub.close();
            }
            callback.succeed();
        }
    }

    /** The event a watcher with these selectors sees for a change, or null for none. */
    private String eventType(Change c, ListOptions opts) {
        boolean filtering = !opts.labels().isEmpty() || !opts.fields().isEmpty();
        if (!filtering) {
            return c.type().name();
        }
        boolean now = matches(c.json(), opts);
        boolean before = c.previous() != null && matches(c.previous(), opts);
        return switch (c.type()) {
            case ADDED -> now ? "ADDED" : null;
            case DELETED -> before || now ? "DELETED" : null;
            case MODIFIED -> now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null;
        };
    }

    private static boolean matches(byte[] json, ListOptions opts) {
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

    /** Sends the status line and headers without a body yet (an empty, non-last write commits them). */
    static void commitHeaders(org.eclipse.jetty.server.Response response) throws IOException {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(false, java.nio.ByteBuffer.allocate(0), cb);
            cb.block();
        }
    }

    private static byte[] rawEvent(String type, byte[] json) {
        byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + json.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 1] = '}';
        return out;
    }

    private static byte[] event(String type, ObjectNode obj) {
        ObjectNode e = Json.object();
        e.put("type", type);
        e.set("object", obj);
        return Json.bytes(e);
    }
}
