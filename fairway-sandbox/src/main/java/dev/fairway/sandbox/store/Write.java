package dev.fairway.sandbox.store;

/**
 * A write the store applies atomically after checking that the object is still at the revision the
 * caller read ({@code expectedRevision}; 0 = must not exist, -1 = no check).
 */
public sealed interface Write {
    ObjectKey key();

    long expectedRevision();

    /** Create or replace. {@code json} is built by the store's {@link RevisionStamp} with the new revision. */
    record Put(ObjectKey key, long expectedRevision, RevisionStamp body) implements Write {}

    /** Remove; {@code lastState} renders the final object with the deletion's revision for watchers. */
    record Delete(ObjectKey key, long expectedRevision, RevisionStamp lastState) implements Write {}

    /** Produces the bytes to store once the new resourceVersion is known (it goes inside the object). */
    @FunctionalInterface
    interface RevisionStamp {
        byte[] render(long resourceVersion);
    }
}
