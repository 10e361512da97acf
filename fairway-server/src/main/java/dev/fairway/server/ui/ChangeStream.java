package dev.fairway.server.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;

/**
 * The UI's server-sent events: which applications changed ({@code event: change}, data the
 * {@code namespace/name} keys, or {@code *} for many), gathered for a quarter second, so that a
 * page re-reads only its own small region, at most a few times a second, however busy the cluster.
 */
final class ChangeStream {

    private static final int MAX_KEYS = 50;
    private static final long TICK_MS = 250;
    private static final long KEEP_ALIVE_MS = 15_000;

    private final AppIndex index;
    private final BooleanSupplier stopping;

    ChangeStream(AppIndex index, BooleanSupplier stopping) {
        this.index = index;
        this.stopping = stopping;
    }

    /** Streams until the client goes away or the server stops; {@code only} limits it to one app's key. */
    void serve(Http http, String only) {
        Set<String> changed = ConcurrentHashMap.newKeySet();
        Consumer<String> listener = key -> {
            if (only.isEmpty() || only.equals(key)) {
                changed.add(key);
            }
        };
        http.response().setStatus(200);
        http.response().getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        http.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        index.addListener(listener);
        try (OutputStream out = Content.Sink.asOutputStream(http.response())) {
            write(out, ": connected\n\n");
            long lastWrite = System.currentTimeMillis();
            while (!stopping.getAsBoolean()) {
                Thread.sleep(TICK_MS);
                if (!changed.isEmpty()) {
                    List<String> keys = new ArrayList<>(changed);
                    changed.removeAll(keys);
                    write(out, "event: change\ndata: " + (keys.size() > MAX_KEYS ? "*" : String.join(" ", keys)) + "\n\n");
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > KEEP_ALIVE_MS) {
                    write(out, ": keep-alive\n\n");
                    lastWrite = System.currentTimeMillis();
                }
            }
            http.callback().succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.callback().failed(e);
        } catch (IOException e) {
            http.callback().failed(e); // the browser left
        } finally {
            index.removeListener(listener);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
