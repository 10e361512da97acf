package dev.fairway.gitops.project;

import java.time.Instant;
import java.util.Optional;

/**
 * A token issued for a project role ({@code spec.roles[].jwtTokens[]} or
 * {@code status.jwtTokensByRole}): issued-at and expiry in epoch seconds, and its id. A token
 * that is no longer listed has been revoked. An expiry of 0 means it never expires.
 */
public record JwtToken(long issuedAt, long expiresAt, String id) {

    public Optional<Instant> expiry() {
        return expiresAt <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiresAt));
    }

    public boolean isExpired(Instant now) {
        return expiresAt > 0 && !now.isBefore(Instant.ofEpochSecond(expiresAt));
    }

    static JwtToken parse(ProjectFields f) {
        long iat = f.integer("iat").orElseThrow(() -> f.error("iat", "required; the time the token was issued, in seconds since 1970"));
        long exp = f.integer("exp").orElse(0L);
        // Argo CD gives old tokens without an id their issued-at time as id
        String id = f.string("id", "");
        return new JwtToken(iat, exp, id.isEmpty() ? Long.toString(iat) : id);
    }
}
