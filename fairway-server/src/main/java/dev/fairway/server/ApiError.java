package dev.fairway.server;

/** A failed API call: the HTTP status and a message that says what was wrong and what to do. */
public final class ApiError extends Exception {
    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
