package dev.fairway.server.auth;

/** A bearer token that proves nothing: malformed, badly signed, expired, or revoked (HTTP 401). */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
