package dev.fairway.sandbox.controllers;

import dev.fairway.sandbox.api.ApiException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A de-duplicating queue of object keys drained by one worker thread, as client-go's work queue:
 * a key added many times while waiting is reconciled once, never by two threads at once. A
 * reconcile may ask to be called again after a delay (time-driven steps such as a pod becoming
 * Ready); failures are retried with exponential back-off. Delays share one scheduler thread.
 */
public final class ReconcileQueue<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileQueue.class);

    /** Converges one key; answers when to look again (null: only on the next change). */
    @FunctionalInterface
    public interface Reconciler<K> {
        Duration reconcile(K key) throws Exception;
    }

    private final LinkedHashSet<K> pending = new LinkedHashSet<>();
    private final Map<K, Integer> failures = new ConcurrentHashMap<>();
    private final Map<K, Long> timers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays;
    private final Thread worker;
    private final String name;
    private final Reconciler<K> reconciler;
    private volatile boolean closed;

    public ReconcileQueue(String name, ScheduledExecutorService delays, Reconciler<K> reconciler) {
        this.name = name;
        this.delays = delays;
        this.reconciler = reconciler;
        this.worker = new Thread(this::run, name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    public void add(K key) {
        synchronized (pending) {
            if (pending.add(key)) {
                pending.notifyAll();
            }
        }
    }

    public void addAfter(K key, Duration delay) {
        if (closed) {
            return;
        }
        long ms = Math.max(0, delay.toMillis());
        if (ms == 0) {
            add(key);
            return;
        }
        // one timer per key: a later wake-up is covered by an earlier one (its reconcile asks again)
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        Long pendingDue = timers.get(key);
        if (pendingDue != null && pendingDue - due <= TimeUnit.MILLISECONDS.toNanos(10)) {
            return;
        }
        timers.put(key, due);
        try {
            delays.schedule(() -> {
                timers.remove(key, due);
                add(key);
            }, ms, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
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
            try {
                Duration again = reconciler.reconcile(key);
                failures.remove(key);
                if (again != null) {
                    addAfter(key, again);
                }
            } catch (Exception e) {
                int n = failures.merge(key, 1, Integer::sum);
                boolean conflict = e instanceof ApiException ae && (ae.code() == 409 || ae.code() == 404);
                if (!conflict || n > 3) {
                    LOG.debug("event=reconcile_failed controller={} key={} attempt={} error={}", name, key, n, e.toString());
                }
                if (!conflict && n == 5) {
                    LOG.warn("event=reconcile_failing controller={} key={} error={}", name, key, e.toString(), e);
                }
                addAfter(key, Duration.ofMillis(Math.min(5_000L, 10L << Math.min(n, 9))));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
