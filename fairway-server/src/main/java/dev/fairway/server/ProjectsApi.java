package dev.fairway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.project.JwtToken;
import dev.fairway.kube.GoDuration;
import dev.fairway.kube.Json;
import dev.fairway.server.auth.AppProjects;
import dev.fairway.server.auth.Caller;
import dev.fairway.server.auth.ProjectTokens;
import java.time.Duration;

/**
 * The project endpoints: AppProjects to read, and the tokens of their roles, which only the admin
 * may issue, list and revoke (a token must not mint more tokens).
 */
public final class ProjectsApi {

    private final AppProjects projects;
    private final ProjectTokens tokens;

    public ProjectsApi(AppProjects projects, ProjectTokens tokens) {
        this.projects = projects;
        this.tokens = tokens;
    }

    /** The projects the caller may see: all for the admin, its own for a project token. */
    public ObjectNode list(Caller caller) {
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("items");
        for (ObjectNode p : projects.list()) {
            if (maySee(caller, p.path("metadata").path("name").asText())) {
                items.add(p);
            }
        }
        return out;
    }

    public ObjectNode get(Caller caller, String name) throws ApiError {
        if (!maySee(caller, name)) {
            throw new ApiError(403, "permission denied: " + caller.name() + " may not get project " + name);
        }
        return projects.get(name).orElseThrow(() -> notFound(name));
    }

    /** Body {@code {"expiresIn": "24h", "id": "ci"}}: both optional; no expiry by default, as in Argo CD. */
    public ObjectNode issueToken(Caller caller, String project, String role, JsonNode body) throws ApiError {
        adminOnly(caller, "issue");
        Duration expiresIn;
        try {
            String text = body.path("expiresIn").asText("");
            expiresIn = text.isEmpty() ? Duration.ZERO : GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "expiresIn: " + e.getMessage() + " (0 or absent: the token never expires)");
        }
        ProjectTokens.Issued issued = tokens.issue(project, role, expiresIn, body.path("id").asText(""));
        ObjectNode out = entry(issued.entry());
        out.put("token", issued.token());
        out.put("subject", issued.subject());
        return out;
    }

    public ObjectNode listTokens(Caller caller, String project, String role) throws ApiError {
        adminOnly(caller, "list");
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("items");
        for (JwtToken t : tokens.list(project, role)) {
            items.add(entry(t));
        }
        return out;
    }

    public ObjectNode revokeToken(Caller caller, String project, String role, String idOrIssuedAt) throws ApiError {
        adminOnly(caller, "revoke");
        ObjectNode out = Json.object();
        out.set("deleted", entry(tokens.revoke(project, role, idOrIssuedAt)));
        return out;
    }

    private static ObjectNode entry(JwtToken t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("iat", t.issuedAt());
        if (t.expiresAt() > 0) {
            o.put("exp", t.expiresAt());
        }
        return o;
    }

    private static boolean maySee(Caller caller, String project) {
        if (caller instanceof Caller.ProjectToken token) {
            return token.roles().tokenMay(token.role(), "projects", "get", project).allowed();
        }
        return true;
    }

    private static void adminOnly(Caller caller, String what) throws ApiError {
        if (!(caller instanceof Caller.Admin)) {
            throw new ApiError(403, "only the admin may " + what + " project tokens; this request carries the token of "
                    + caller.name());
        }
    }

    private ApiError notFound(String name) {
        return new ApiError(404, "AppProject '" + name + "' not found in namespace " + projects.namespace()
                + ": list projects with GET /api/v1/projects");
    }
}
