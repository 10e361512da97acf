package dev.fairway.sandbox.watch;

import dev.fairway.sandbox.store.Change;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fans committed changes out to watchers. Keeps a bounded history so that a watch can start from
 * a recent resourceVersion; older ones get 410 Gone and the client lists again, as with etcd
 * compaction. Each watcher has its own bounded queue: a watcher that cannot keep up is closed
 * (and re-watches) instead of holding up the others.
 */
public final class WatchHub implements Consumer<Change> {

    private final int historyCapacity;
    private final int queueCapacity;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private long compactedRevision;

    /**
     * @param startRevision   the store's revision when the hub starts: watches from it or later are served
     * @param historyCapacity changes kept for resumption
     * @param queueCapacity   changes a single watcher may lag behind before it is closed
     */
    public WatchHub(long startRevision, int historyCapacity, int queueCapacity) {
        this.compactedRevision = startRevision;
        this.historyCapacity = historyCapacity;
        this.queueCapacity = queueCapacity;
    }

    /** A prefix of encoded object keys a watcher cares about, plus an optional exact key. */
    public record Scope(String keyPrefix, String exactKey) {
        boolean contains(Change c) {
            String k = c.key().encode();
            return exactKey != null ? k.equals(exactKey) : k.startsWith(keyPrefix);
        }
    }

    /** Thrown when a watch asks for a revision older than the kept history. */
    public static final class TooOldException extends Exception {
        private final long oldest;

        TooOldException(long oldest) {
            super(null, null, false, false);
            this.oldest = oldest;
        }

        public long oldestAvailable() {
            return oldest;
        }
    }

    /** One watcher's feed. */
    public final class Subscription implements AutoCloseable {
        private final Scope scope;
        private final long fromRevision;
        private final BlockingQueue<Change> queue = new ArrayBlockingQueue<>(queueCapacity);
        private volatile boolean overflowed;
        private volatile boolean closed;

        Subscription(Scope scope, long fromRevision) {
            this.scope = scope;
            this.fromRevision = fromRevision;
        }

        void offer(Change c) {
            if (!closed && c.resourceVersion() > fromRevision && scope.contains(c) && !queue.offer(c)) {
                overflowed = true;
            }
        }

        /** The next change, or null after the timeout. */
        public Change poll(long timeoutMillis) throws InterruptedException {
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** Whether the watcher fell too far behind and must be ended. */
        public boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            closed = true;
            subscriptions.remove(this);
        }
    }

    /**
     * Subscribes from {@code fromRevision} (exclusive): history after it is queued first, then live
     * changes.
     */
    public synchronized Subscription subscribe(Scope scope, long fromRevision) throws TooOldException {
        if (fromRevision < compactedRevision) {
            throw new TooOldException(compactedRevision + 1);
        }
        Subscription s = new Subscription(scope, fromRevision);
        for (Change c : history) {
            s.offer(c);
        }
        subscriptions.add(s);
        return s;
    }

    @Override
    public synchronized void accept(Change change) {
        history.addLast(change);
        while (history.size() > historyCapacity) {
            compactedRevision = history.pollFirst().resourceVersion();
        }
        for (Subscription s : subscriptions) {
            s.offer(change);
        }
    }

    public synchronized int watchers() {
        return subscriptions.size();
    }

    /** For tests and metrics: the revisions currently replayable. */
    public synchronized List<Long> historyRevisions() {
        List<Long> out = new ArrayList<>();
        history.forEach(c -> out.add(c.resourceVersion()));
        return out;
    }
}
