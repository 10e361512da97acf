package dev.fairway.kube.schema;

/** How server-side apply treats a list, as {@code x-kubernetes-list-type} names it. */
public enum ListType {
    /** Replaced as a whole; one owner for the whole list. */
    ATOMIC,
    /** A set of scalars; each value can have its own owner. */
    SET,
    /** Objects identified by key fields; each item and field can have its own owner. */
    MAP
}
