package dev.fairway.gitops.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keys waiting to be reconciled, with client-go's guarantees: a key is queued at most once however
 * often it is added; a key being processed is never handed to a second worker, and an add during
 * processing queues it again once {@link #done} is called; failures back off exponentially per key.
 */
public final class WorkQueue<K> implements AutoCloseable {

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final LinkedHashSet<K> queue = new LinkedHashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Set<K> dirty = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService timer;
    private boolean closed;

    public WorkQueue(Duration baseDelay, Duration maxDelay) {
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-queue-timer");
            t.setDaemon(true);
            return t;
        });
    }

    public void add(K key) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (processing.contains(key)) {
                dirty.add(key);
            } else if (queue.add(key)) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (!closed) {
                timer.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds the key after its backoff: base delay doubled for each failure so far, at most the maximum. */
    public void addRateLimited(K key) {
        int count;
        lock.lock();
        try {
            count = failures.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        addAfter(key, backoff(count));
    }

    Duration backoff(int failureCount) {
        Duration delay = baseDelay;
        for (int i = 1; i < failureCount && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Clears the key's failures after a success. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next key, waiting at most {@code timeout}; null when none came or the queue is closed.
     * The caller must call {@link #done} when it has finished with the key.
     */
    public K poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (closed) {
                return null;
            }
            K key = queue.iterator().next();
            queue.remove(key);
            processing.add(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.remove(key) && !closed && queue.add(key)) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        timer.shutdownNow();
    }
}
