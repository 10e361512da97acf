package dev.fairway.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.project.AppProject;
import dev.fairway.gitops.project.InvalidProjectError;
import dev.fairway.gitops.project.JwtToken;
import dev.fairway.gitops.project.ProjectRole;
import dev.fairway.server.ApiError;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues, lists and revokes the tokens of project roles, as Argo CD's {@code proj role
 * create-token}: a token is a JWT signed with the server key, and the project records it under
 * {@code status.jwtTokensByRole[ROLE].items[]} ({@code iat}, {@code exp}, {@code id}). Only what is
 * listed there is honoured, so deleting an entry revokes that token. Tokens go into the status,
 * not the spec, so that a project kept in git does not drift when a token is issued.
 */
public final class ProjectTokens {

    /** A new token: the JWT itself (shown once, never stored) and the entry the project keeps. */
    public record Issued(String token, String subject, JwtToken entry) {}

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int WRITE_ATTEMPTS = 5;

    private final AppProjects projects;
    private final SigningKey key;
    private final Clock clock;

    public ProjectTokens(AppProjects projects, SigningKey key, Clock clock) {
        this.projects = projects;
        this.key = key;
        this.clock = clock;
    }

    /**
     * @param expiresIn how long the token lives; zero for a token that never expires
     * @param id the token's id; empty for a random one
     */
    public Issued issue(String project, String role, Duration expiresIn, String id) throws ApiError {
        if (expiresIn.isNegative()) {
            throw new ApiError(400, "expiresIn must not be negative");
        }
        String tokenId = id == null || id.isEmpty() ? UUID.randomUUID().toString() : id;
        if (!ID.matcher(tokenId).matches()) {
            throw new ApiError(400, "token id '" + tokenId + "' is not allowed: use letters, digits, '.', '_' or '-' "
                    + "(up to 128, starting with a letter or digit)");
        }
        long iat = clock.instant().getEpochSecond();
        long exp = expiresIn.isZero() ? 0 : iat + Math.max(1, expiresIn.toSeconds());
        JwtToken entry = new JwtToken(iat, exp, tokenId);
        String subject = ProjectRole.subject(project, role);
        // sign first: creating the key must not happen after the project already lists the token
        String token = key.forSigning().sign(new JwtClaims(subject, JwtClaims.ISSUER, iat, exp, tokenId));
        write(project, object -> {
            ProjectRole r = role(project, object, role);
            if (r.jwtTokens().stream().anyMatch(t -> t.id().equals(tokenId))) {
                throw new ApiError(409, "role '" + role + "' of project '" + project + "' already has a token with id '"
                        + tokenId + "': choose another id, or delete that token first");
            }
            ObjectNode item = statusItems(object, role).addObject();
            item.put("iat", iat);
            if (exp > 0) {
                item.put("exp", exp);
            }
            item.put("id", tokenId);
            return object;
        });
        return new Issued(token, subject, entry);
    }

    /** The tokens the role lists (from its spec and status), oldest first. */
    public List<JwtToken> list(String project, String role) throws ApiError {
        return role(project, read(project), role).jwtTokens();
    }

    /**
     * Revokes the role's token with this id, or issued at this time (seconds since 1970), as
     * {@code argocd proj role delete-token} accepts both; it is removed from the status and the spec.
     */
    public JwtToken revoke(String project, String role, String idOrIssuedAt) throws ApiError {
        JwtToken[] removed = {null};
        write(project, object -> {
            ProjectRole r = role(project, object, role);
            JwtToken match = find(project, role, r.jwtTokens(), idOrIssuedAt);
            removeMatching(statusItems(object, role), match);
            for (JsonNode specRole : object.path("spec").path("roles")) {
                if (role.equals(specRole.path("name").asText()) && specRole.path("jwtTokens").isArray()) {
                    removeMatching((ArrayNode) specRole.path("jwtTokens"), match);
                }
            }
            removed[0] = match;
            return object;
        });
        return removed[0];
    }

    /** The token with this id; else the one token issued at this second (several: the caller must use an id). */
    private static JwtToken find(String project, String role, List<JwtToken> tokens, String idOrIssuedAt) throws ApiError {
        Optional<JwtToken> byId = tokens.stream().filter(t -> t.id().equals(idOrIssuedAt)).findFirst();
        if (byId.isPresent()) {
            return byId.get();
        }
        List<JwtToken> byTime = tokens.stream().filter(t -> Long.toString(t.issuedAt()).equals(idOrIssuedAt)).toList();
        if (byTime.size() > 1) {
            throw new ApiError(409, byTime.size() + " tokens of role '" + role + "' of project '" + project + "' were issued at "
                    + idOrIssuedAt + ": revoke one by its id (" + byTime.stream().map(JwtToken::id).toList() + ")");
        }
        if (byTime.isEmpty()) {
            throw new ApiError(404, "role '" + role + "' of project '" + project + "' has no token with id or issued-at '"
                    + idOrIssuedAt + "': list them with GET /api/v1/projects/" + project + "/roles/" + role + "/token");
        }
        return byTime.get(0);
    }

    private static void removeMatching(ArrayNode items, JwtToken token) {
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            String id = item.path("id").asText("");
            // entries without an id are known by their issue time, as Argo CD names them
            if (id.isEmpty() ? item.path("iat").asLong() == token.issuedAt() : id.equals(token.id())) {
                it.remove();
            }
        }
    }

    private ObjectNode read(String project) throws ApiError {
        return projects.get(project).orElseThrow(() -> new ApiError(404, "AppProject '" + project + "' not found in namespace "
                + projects.namespace() + ": list projects with GET /api/v1/projects"));
    }

    private static ProjectRole role(String project, ObjectNode object, String role) throws ApiError {
        AppProject parsed;
        try {
            parsed = AppProject.parse(object);
        } catch (InvalidProjectError e) {
            throw new ApiError(422, e.getMessage() + "; fix the project before working with its tokens");
        }
        return parsed.role(role).orElseThrow(() -> new ApiError(404, "project '" + project + "' has no role '"
                + role + "': add it to spec.roles of the AppProject (roles: " + parsed.roles().stream().map(ProjectRole::name).toList() + ")"));
    }

    /** A change to a project read just now. */
    private interface Change {
        ObjectNode apply(ObjectNode project) throws ApiError;
    }

    /** Read, change, write back; again when someone else wrote the project in between. */
    private void write(String project, Change change) throws ApiError {
        for (int attempt = 1; ; attempt++) {
            ObjectNode object = read(project);
            try {
                projects.update(change.apply(object));
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == WRITE_ATTEMPTS) {
                    throw new ApiError(e.getCode() == 409 ? 409 : 502, "could not write AppProject '" + project + "': " + e.getMessage());
                }
            }
        }
    }

    /** Where the project keeps a role's tokens: {@code status.jwtTokensByRole[ROLE].items}. */
    private static ArrayNode statusItems(ObjectNode project, String role) {
        ObjectNode entry = project.withObject("/status").withObject("/jwtTokensByRole").withObject("/" + role);
        return entry.path("items").isArray() ? (ArrayNode) entry.get("items") : entry.putArray("items");
    }
}
