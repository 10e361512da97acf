package dev.fairway.gitops.render;

import dev.fairway.kube.yaml.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Remembers what a renderer made for (commit SHA, path, options hash, destination namespace), so
 * that an unchanged commit renders nothing. Concurrent requests for the same key wait for one
 * render. Failures are not remembered: the next refresh tries again. The least recently used
 * entries are dropped beyond {@code maxEntries}.
 *
 * <p>Callers get their own copies of the objects, so one application's later steps cannot change
 * what another application gets from the cache.
 */
public final class RenderCache {

    private record Key(String revision, String path, String optionsHash) {}

    private final Renderer renderer;
    private final int maxEntries;
    private final Map<Key, CompletableFuture<List<Manifest>>> entries;

    public RenderCache(Renderer renderer, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.renderer = renderer;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    public RenderedManifests render(RenderRequest request) {
        Key key = new Key(request.revision(), normalisePath(request.path()),
                request.options().hash(request.destinationNamespace()));
        CompletableFuture<List<Manifest>> mine = new CompletableFuture<>();
        CompletableFuture<List<Manifest>> existing;
        synchronized (entries) {
            existing = entries.get(key);
            if (existing == null) {
                entries.put(key, mine);
                evictBeyondLimit();
            }
        }
        if (existing == null) {
            try {
                mine.complete(List.copyOf(renderer.render(request)));
            } catch (RuntimeException | Error e) {
                synchronized (entries) {
                    entries.remove(key, mine);
                }
                mine.completeExceptionally(e);
                throw e;
            }
        }
        return new RenderedManifests(request.revision(), copies(join(existing == null ? mine : existing)));
    }

    /** Forgets every rendering (a hard refresh). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void evictBeyondLimit() {
        var oldest = entries.keySet().iterator();
        while (entries.size() > maxEntries && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static List<Manifest> join(CompletableFuture<List<Manifest>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a render", e);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<Manifest> copies(List<Manifest> manifests) {
        return manifests.stream().map(m -> new Manifest(m.object().deepCopy(), m.file(), m.line())).toList();
    }

    /** "apps/idp", "./apps/idp/" and "/apps/idp" are the same path. */
    private static String normalisePath(String path) {
        String normal = path.strip();
        while (normal.startsWith("./") || normal.startsWith("/")) {
            normal = normal.substring(normal.startsWith("./") ? 2 : 1);
        }
        while (normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal.equals(".") ? "" : normal;
    }
}
