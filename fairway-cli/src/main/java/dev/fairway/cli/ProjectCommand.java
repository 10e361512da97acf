package dev.fairway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway proj ...}: AppProjects and the tokens of their roles, as {@code argocd proj}, through
 * the server's REST API. A project token lets a CI job act on its project's applications only, as
 * far as the role's policies allow.
 */
@Command(name = "proj", aliases = "project", description = "List projects; issue and revoke project role tokens.",
        subcommands = {ProjectCommand.ListProjects.class, ProjectCommand.Role.class})
final class ProjectCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", description = "List projects with their source repositories, destinations and roles.")
    static final class ListProjects extends AppCommand.AppAction {
        @Override
        int run(ApiClient api) throws Exception {
            JsonNode r = api.get("/api/v1/projects");
            if (!"table".equals(conn.output)) {
                conn.print(r.path("items"));
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode p : r.path("items")) {
                JsonNode spec = p.path("spec");
                List<String> destinations = new ArrayList<>();
                for (JsonNode d : spec.path("destinations")) {
                    String cluster = d.path("name").asText("").isEmpty() ? d.path("server").asText("") : d.path("name").asText();
                    destinations.add(cluster + "," + d.path("namespace").asText(""));
                }
                List<String> sources = new ArrayList<>();
                spec.path("sourceRepos").forEach(s -> sources.add(s.asText()));
                List<String> roles = new ArrayList<>();
                spec.path("roles").forEach(role -> roles.add(role.path("name").asText()));
                rows.add(List.of(p.path("metadata").path("name").asText(), spec.path("description").asText(""),
                        summary(destinations, "destinations"), summary(sources, "repositories"), String.join(",", roles)));
            }
            Tables.print(System.out, List.of("NAME", "DESCRIPTION", "DESTINATIONS", "SOURCES", "ROLES"), rows);
            return 0;
        }

        /** Up to three entries in full, as Argo CD's list shows them; more would make rows unreadable. */
        static String summary(List<String> entries, String what) {
            if (entries.isEmpty()) {
                return "<none>";
            }
            return entries.size() <= 3 ? String.join(";", entries) : entries.size() + " " + what;
        }
    }

    @Command(name = "role", description = "Tokens of a project's roles.",
            subcommands = {CreateToken.class, ListTokens.class, DeleteToken.class})
    static final class Role implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }
    }

    @Command(name = "create-token", description = "Issue a token for a project role. Prints the token, which is shown only this once.")
    static final class CreateToken extends AppCommand.AppAction {
        @Parameters(index = "0", paramLabel = "PROJECT") String project;
        @Parameters(index = "1", paramLabel = "ROLE") String role;
        @Option(names = {"-e", "--expires-in"}, description = "How long the token lives, e.g. 24h or 30m (default: never expires).")
        String expiresIn;
        @Option(names = {"-i", "--id"}, description = "The token's id (default: a random UUID); revoke it by this id.")
        String id;

        @Override
        int run(ApiClient api) throws Exception {
            ObjectNode body = Json.object();
            if (expiresIn != null) {
                body.put("expiresIn", expiresIn);
            }
            if (id != null) {
                body.put("id", id);
            }
            JsonNode t = api.post(tokenPath(project, role), body);
            if (!"table".equals(conn.output)) {
                conn.print(t);
                return 0;
            }
            // the token alone on stdout, so that TOKEN=$(fairway proj role create-token ...) works
            System.out.println(t.path("token").asText());
            System.err.println("token for " + t.path("subject").asText() + " issued: id " + t.path("id").asText() + ", issued at "
                    + time(t.path("iat")) + ", expires " + (t.has("exp") ? "at " + time(t.path("exp")) : "never")
                    + ". It is not stored anywhere: keep it now.");
            return 0;
        }
    }

    @Command(name = "list-tokens", description = "List the tokens a project role has issued and not revoked.")
    static final class ListTokens extends AppCommand.AppAction {
        @Parameters(index = "0", paramLabel = "PROJECT") String project;
        @Parameters(index = "1", paramLabel = "ROLE") String role;

        @Override
        int run(ApiClient api) throws Exception {
            JsonNode r = api.get(tokenPath(project, role));
            if (!"table".equals(conn.output)) {
                conn.print(r.path("items"));
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode t : r.path("items")) {
                rows.add(List.of(t.path("id").asText(), time(t.path("iat")), t.has("exp") ? time(t.path("exp")) : "never"));
            }
            Tables.print(System.out, List.of("ID", "ISSUED AT", "EXPIRES AT"), rows);
            return 0;
        }
    }

    @Command(name = "delete-token", description = "Revoke a project role's token by its id (or its issued-at time in seconds).")
    static final class DeleteToken extends AppCommand.AppAction {
        @Parameters(index = "0", paramLabel = "PROJECT") String project;
        @Parameters(index = "1", paramLabel = "ROLE") String role;
        @Parameters(index = "2", paramLabel = "ID") String id;

        @Override
        int run(ApiClient api) throws Exception {
            JsonNode r = api.delete(tokenPath(project, role) + "/" + enc(id));
            System.out.println("token " + r.path("deleted").path("id").asText(id) + " of proj:" + project + ":" + role
                    + " revoked");
            return 0;
        }
    }

    static String tokenPath(String project, String role) {
        return "/api/v1/projects/" + AppCommand.AppAction.enc(project) + "/roles/" + AppCommand.AppAction.enc(role) + "/token";
    }

    static String time(JsonNode epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds.asLong()).toString();
    }
}
