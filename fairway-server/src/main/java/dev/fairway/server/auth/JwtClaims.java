package dev.fairway.server.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * The claims Fairway puts in a token it signs, as Argo CD's project tokens carry them.
 *
 * @param subject   {@code proj:PROJECT:ROLE}
 * @param issuer    who signed it ({@value #ISSUER})
 * @param issuedAt  {@code iat}, seconds since 1970
 * @param expiresAt {@code exp}, seconds since 1970; 0 when the token never expires
 * @param id        {@code jti}: the id under which the project lists the token; "" in old tokens
 */
public record JwtClaims(String subject, String issuer, long issuedAt, long expiresAt, String id) {

    public static final String ISSUER = "fairway";

    public JwtClaims {
        subject = subject == null ? "" : subject;
        issuer = issuer == null ? "" : issuer;
        id = id == null ? "" : id;
    }

    public Optional<Instant> expiry() {
        return expiresAt <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiresAt));
    }
}
