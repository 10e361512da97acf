package dev.fairway.sandbox.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sandbox's persistent object store: one revision counter for everything (the
 * resourceVersion), atomic compare-and-set writes, range lists, and a feed of committed changes.
 * A write returns only once it is durable.
 */
public interface ObjectStore extends AutoCloseable {

    Optional<StoredObject> get(ObjectKey key);

    /**
     * Objects whose key starts with {@link ObjectKey#prefix}, in key order, starting after
     * {@code startAfter} (an encoded key, or null), at most {@code limit} (0 = all).
     */
    List<StoredObject> list(String prefix, String startAfter, int limit);

    /** Counts objects under a prefix (for remainingItemCount). */
    long count(String prefix);

    /** The current revision: the resourceVersion of the newest committed write. */
    long revision();

    /** Applies a write if the object is still at the expected revision, waits until it is durable. */
    Change write(Write write) throws ConflictException;

    /**
     * Registers a listener for every committed change, in revision order, called on the writing
     * thread right after the write is applied (keep it short and non-blocking).
     */
    void addListener(Consumer<Change> listener);

    @Override
    void close();
}
