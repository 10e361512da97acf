package dev.fairway.sandbox.store;

/**
 * One committed write, as watchers see it.
 *
 * @param type            ADDED, MODIFIED or DELETED
 * @param key             the object's key
 * @param resourceVersion the store revision of this write
 * @param json            the object after the write (for DELETED: the last state, with this revision)
 * @param previous        the object before the write, or null for ADDED
 */
public record Change(Type type, ObjectKey key, long resourceVersion, byte[] json, byte[] previous) {
    public enum Type { ADDED, MODIFIED, DELETED }
}
