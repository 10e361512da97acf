package dev.fairway.kube.patch;

/**
 * A patch that cannot be applied. The message is written for the client and can be returned as the message of a
 * Kubernetes {@code Status}; {@link #httpStatus()} says which code the API server answers with: 400 when the patch
 * itself is malformed, 422 when it is well formed but does not fit the object (a failed {@code test}, a missing path).
 */
public class PatchException extends RuntimeException {

    private final int httpStatus;

    public PatchException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** The patch document is malformed: 400 Bad Request. */
    public static PatchException badRequest(String message) {
        return new PatchException(400, message);
    }

    /** The patch is well formed but cannot be applied to this object: 422 Unprocessable Entity. */
    public static PatchException unprocessable(String message) {
        return new PatchException(422, message);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
