package dev.fairway.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.project.AppProject;
import dev.fairway.gitops.project.InvalidProjectError;
import dev.fairway.gitops.project.ProjectRoles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells who a bearer token belongs to: the admin's API token, or a project role's JWT, which is
 * checked on every request (signature, expiry, and that its project still lists it), as Argo CD's
 * session manager checks {@code proj:} subjects.
 */
public final class Authenticator {

    private final byte[] adminToken;
    private final AppProjects projects;
    private final SigningKey key;
    private final Clock clock;

    public Authenticator(String adminToken, AppProjects projects, SigningKey key, Clock clock) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.projects = projects;
        this.key = key;
        this.clock = clock;
    }

    /**
     * The caller a bearer token stands for; empty when it is neither the admin token nor a JWT
     * (the request may still carry a browser session).
     *
     * @throws InvalidTokenException for a JWT that is not (or no longer) valid
     */
    public Optional<Caller> authenticate(String bearer) throws InvalidTokenException {
        if (bearer == null || bearer.isEmpty()) {
            return Optional.empty();
        }
        if (MessageDigest.isEqual(adminToken, bearer.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Caller.Admin());
        }
        if (bearer.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        return Optional.of(projectToken(bearer));
    }

    private Caller.ProjectToken projectToken(String token) throws InvalidTokenException {
        Hs256Jwt jwt = key.forVerifying().orElseThrow(() -> new InvalidTokenException(
                "this server has issued no project tokens (the Secret " + ServerKey.SECRET + " does not exist)"));
        Instant now = clock.instant();
        JwtClaims claims = jwt.verify(token, now);
        String[] sub = claims.subject().split(":", -1);
        if (sub.length != 3 || !sub[0].equals("proj") || sub[1].isEmpty() || sub[2].isEmpty()) {
            throw new InvalidTokenException("the token's subject '" + claims.subject() + "' is not a project role (proj:PROJECT:ROLE)");
        }
        String project = sub[1];
        String role = sub[2];
        ObjectNode object = projects.get(project).orElseThrow(() -> new InvalidTokenException(
                "the token's project '" + project + "' no longer exists"));
        AppProject parsed;
        try {
            parsed = AppProject.parse(object);
        } catch (InvalidProjectError e) {
            throw new InvalidTokenException(e.getMessage() + "; the project's tokens are refused until it is fixed");
        }
        ProjectRoles roles = new ProjectRoles(parsed);
        // a token with an id is known by it alone; old tokens without one by their issue time
        long issuedAt = claims.id().isEmpty() ? claims.issuedAt() : -1;
        if (roles.liveToken(role, claims.id(), issuedAt, now).isEmpty()) {
            throw new InvalidTokenException("the token " + (claims.id().isEmpty() ? "issued at " + claims.issuedAt() : "'" + claims.id() + "'")
                    + " of " + claims.subject() + " has been revoked: project '" + project + "' no longer lists it for role '" + role + "'");
        }
        return new Caller.ProjectToken(project, role, claims.id(), roles);
    }
}
