package dev.fairway.kube.schema;

/** What a strategic merge patch does with a field that has no directive, as {@code patchStrategy} tags say. */
public enum PatchStrategy {
    /** The patch value replaces the original value (the default for lists). */
    REPLACE,
    /** Lists merge item by item (by merge key, or as a set of scalars); maps merge key by key. */
    MERGE
}
