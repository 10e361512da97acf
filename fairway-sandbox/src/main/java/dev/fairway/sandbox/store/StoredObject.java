package dev.fairway.sandbox.store;

/** An object as the store holds it: its key, the resourceVersion of its last write and its JSON bytes. */
public record StoredObject(ObjectKey key, long resourceVersion, byte[] json) {}
