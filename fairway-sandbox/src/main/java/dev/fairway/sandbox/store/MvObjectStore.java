package dev.fairway.sandbox.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ObjectStore} on H2's MVStore, a transactional copy-on-write B-tree file.
 *
 * <p>Writes are serialised by one short lock (compare revision, stamp the new resourceVersion,
 * put), then wait for a group commit: one committer thread commits everything written so far in
 * one MVStore commit (and fsync), so many concurrent writers share one disk flush. A write is
 * acknowledged, and its change shown to listeners, only after its commit.
 */
public final class MvObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(MvObjectStore.class);
    private static final String REVISION = "revision";

    private final MVStore mv;
    private final MVMap<String, byte[]> objects;
    private final MVMap<String, Long> meta;
    private final boolean fsync;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Object commitMonitor = new Object();
    private final ArrayDeque<Change> uncommitted = new ArrayDeque<>();
    private final Thread committer;

    private volatile long revision;
    private long requested;
    private long durable;
    private RuntimeException failure;
    private boolean closed;

    private MvObjectStore(Path file, boolean fsync) {
        this.mv = new MVStore.Builder().fileName(file.toString()).cacheSize(64).open();
        this.mv.setVersionsToKeep(0);
        this.objects = mv.openMap("objects");
        this.meta = mv.openMap("meta");
        this.fsync = fsync;
        Long rev = meta.get(REVISION);
        this.revision = rev == null ? 0 : rev;
        this.durable = revision;
        this.requested = revision;
        this.committer = new Thread(this::commitLoop, "store-committer");
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Opens (or creates) the store file.
     *
     * @param fsync whether each group commit is forced to the disk (survives power loss, not only
     *              a killed process)
     */
    public static MvObjectStore open(Path file, boolean fsync) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the data directory of " + file, e);
        }
        return new MvObjectStore(file, fsync);
    }

    @Override
    public Optional<StoredObject> get(ObjectKey key) {
        byte[] v = objects.get(key.encode());
        return v == null ? Optional.empty() : Optional.of(decode(key, v));
    }

    @Override
    public List<StoredObject> list(String prefix, String startAfter, int limit) {
        String from = startAfter == null ? prefix : objects.higherKey(startAfter);
        List<StoredObject> out = new ArrayList<>();
        if (from == null) {
            return out;
        }
        Cursor<String, byte[]> c = objects.cursor(from);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            out.add(decode(ObjectKey.decode(k), c.getValue()));
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public long count(String prefix) {
        long n = 0;
        java.util.Iterator<String> it = objects.keyIterator(prefix);
        while (it.hasNext() && it.next().startsWith(prefix)) {
            n++;
        }
        return n;
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public Change write(Write write) throws ConflictException {
        Change change;
        writeLock.lock();
        try {
            checkOpen();
            String k = write.key().encode();
            byte[] old = objects.get(k);
            long oldRev = old == null ? 0 : revisionOf(old);
            long expected = write.expectedRevision();
            if (expected >= 0 && expected != oldRev) {
                throw new ConflictException(old == null ? null : decode(write.key(), old));
            }
            long rev = revision + 1;
            byte[] oldJson = old == null ? null : Arrays.copyOfRange(old, 8, old.length);
            if (write instanceof Write.Put put) {
                byte[] json = put.body().render(rev);
                objects.put(k, encode(rev, json));
                change = new Change(old == null ? Change.Type.ADDED : Change.Type.MODIFIED, write.key(), rev, json, oldJson);
            } else {
                if (old == null) {
                    throw new ConflictException(null);
                }
                Write.Delete del = (Write.Delete) write;
                byte[] json = del.lastState().render(rev);
                objects.remove(k);
                change = new Change(Change.Type.DELETED, write.key(), rev, json, oldJson);
            }
            meta.put(REVISION, rev);
            revision = rev;
            synchronized (commitMonitor) {
                uncommitted.add(change);
                requested = rev;
                commitMonitor.notifyAll();
            }
        } finally {
            writeLock.unlock();
        }
        awaitDurable(change.resourceVersion());
        return change;
    }

    private void awaitDurable(long rev) {
        synchronized (commitMonitor) {
            while (durable < rev) {
                if (failure != null) {
                    throw failure;
                }
                if (closed) {
                    throw new IllegalStateException("the store was closed before the write was committed");
                }
                try {
                    commitMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the commit", e);
                }
            }
        }
    }

    private void commitLoop() {
        while (true) {
            long target;
            synchronized (commitMonitor) {
                while (requested <= durable && !closed) {
                    try {
                        commitMonitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (requested <= durable) {
                    return;
                }
                target = requested;
            }
            try {
                mv.commit();
                if (fsync) {
                    mv.sync();
                }
            } catch (RuntimeException e) {
                LOG.error("event=store_commit_failed revision={}", target, e);
                synchronized (commitMonitor) {
                    failure = new IllegalStateException("the store could not commit: " + e.getMessage(), e);
                    commitMonitor.notifyAll();
                }
                return;
            }
            List<Change> done = new ArrayList<>();
            synchronized (commitMonitor) {
                while (!uncommitted.isEmpty() && uncommitted.peekFirst().resourceVersion() <= target) {
                    done.add(uncommitted.pollFirst());
                }
            }
            // listeners (watch hub, registry of CRDs) see a change before its writer is answered,
            // so a client that got its answer can rely on watchers and discovery knowing it
            for (Change c : done) {
                for (Consumer<Change> l : listeners) {
                    try {
                        l.accept(c);
                    } catch (RuntimeException e) {
                        LOG.error("event=change_listener_failed key={}", c.key(), e);
                    }
                }
            }
            synchronized (commitMonitor) {
                durable = Math.max(durable, target);
                commitMonitor.notifyAll();
            }
        }
    }

    @Override
    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    private void checkOpen() {
        synchronized (commitMonitor) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            synchronized (commitMonitor) {
                if (closed) {
                    return;
                }
                closed = true;
                commitMonitor.notifyAll();
            }
        } finally {
            writeLock.unlock();
        }
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mv.close();
    }

    private static long revisionOf(byte[] stored) {
        return ByteBuffer.wrap(stored, 0, 8).getLong();
    }

    private static byte[] encode(long rev, byte[] json) {
        return ByteBuffer.allocate(8 + json.length).putLong(rev).put(json).array();
    }

    private static StoredObject decode(ObjectKey key, byte[] stored) {
        return new StoredObject(key, revisionOf(stored), Arrays.copyOfRange(stored, 8, stored.length));
    }
}
