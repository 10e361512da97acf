package dev.fairway.sandbox.store;

/** The object changed (or appeared, or vanished) since the caller read it. */
public final class ConflictException extends Exception {
    private final StoredObject current;

    public ConflictException(StoredObject current) {
        super(null, null, false, false);
        this.current = current;
    }

    /** What is there now, or null when the object does not exist. */
    public StoredObject current() {
        return current;
    }
}
