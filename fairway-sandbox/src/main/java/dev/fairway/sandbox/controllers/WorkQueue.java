package dev.fairway.sandbox.controllers;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A de-duplicating work queue with per-key exponential back-off, drained by one worker thread: a
 * key queued many times while waiting is processed once, and a key is never processed by two
 * threads at once.
 */
final class WorkQueue<K> implements AutoCloseable {

    /** Converges one key; returns true when it must be retried later. */
    @FunctionalInterface
    interface Reconciler<K> {
        boolean reconcile(K key) throws Exception;
    }

    private final LinkedHashSet<K> pending = new LinkedHashSet<>();
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays;
    private final Thread worker;
    private final String name;
    private final Reconciler<K> reconciler;
    private volatile boolean closed;

    WorkQueue(String name, Reconciler<K> reconciler) {
        this.name = name;
        this.reconciler = reconciler;
        this.delays = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-delays");
            t.setDaemon(true);
            return t;
        });
        this.worker = new Thread(this::run, name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    void add(K key) {
        synchronized (pending) {
            if (pending.add(key)) {
                pending.notifyAll();
            }
        }
    }

    void addAfter(K key, long millis) {
        if (!closed) {
            delays.schedule(() -> add(key), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        while (!closed) {
            K key;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                var it = pending.iterator();
                key = it.next();
                it.remove();
            }
            boolean retry;
            try {
                retry = reconciler.reconcile(key);
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(WorkQueue.class)
                        .warn("event=reconcile_failed controller={} key={} error={}", name, key, e.toString());
                retry = true;
            }
            if (retry) {
                int n = failures.merge(key, 1, Integer::sum);
                addAfter(key, Math.min(5_000L, 20L << Math.min(n, 8)));
            } else {
                failures.remove(key);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        delays.shutdownNow();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
