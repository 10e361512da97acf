package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import dev.fairway.server.ApiServer;
import dev.fairway.server.ApiTokens;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fairway proj ...} against a running API server on a sandbox; the tokens it issues are then
 * used by {@code fairway app ...} as a CI job would use them.
 */
class ProjectCommandIT {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static ApiServer api;
    static String admin;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("proj-cli", dir, 0, null, false));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(60));
        admin = ApiTokens.loadOrCreate(client, "argocd").value();
        create("""
                {"apiVersion":"argoproj.io/v1alpha1","kind":"AppProject","metadata":{"name":"team-a","namespace":"argocd"},
                 "spec":{"description":"Team A's services","sourceRepos":["https://example.com/team-a.git"],
                   "destinations":[{"server":"https://kubernetes.default.svc","namespace":"team-a"}],
                   "roles":[{"name":"ci","policies":[
                     "p, proj:team-a:ci, applications, get, team-a/*, allow",
                     "p, proj:team-a:ci, applications, sync, team-a/*, allow",
                     "p, proj:team-a:ci, applications, sync, team-a/frozen, deny"]}]}}
                """);
        for (String[] a : new String[][] {{"web", "team-a"}, {"frozen", "team-a"}, {"billing", "default"}}) {
            create("""
                    {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"%s","namespace":"argocd"},
                     "spec":{"project":"%s","source":{"repoURL":"https://example.com/%2$s.git","path":"%1$s"},
                       "destination":{"server":"https://kubernetes.default.svc","namespace":"%2$s"}}}
                    """.formatted(a[0], a[1]));
        }
        api = ApiServer.start(client, new ApiServer.Config("127.0.0.1", 0, "argocd"), admin);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        client.close();
        sandbox.close();
    }

    static void create(String json) throws Exception {
        client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
    }

    /** {@code fairway proj ARGS} (ProjectCommand) with the admin's token, or {@code fairway app ARGS} with any. */
    static Run proj(String... args) {
        return run(new ProjectCommand(), admin, args);
    }

    static Run app(String token, String... args) {
        return run(new AppCommand(), token, args);
    }

    static Run run(Object command, String token, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = Stream.concat(Arrays.stream(args), Stream.of("--server", api.url(), "--token", token)).toArray(String[]::new);
            int code = new CommandLine(command).execute(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listShowsProjectsWithRepositoriesDestinationsAndRoles() throws Exception {
        Run r = proj("list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("DESTINATIONS", "SOURCES", "ROLES");
        assertThat(r.out()).containsPattern("team-a\\s+Team A's services\\s+https://kubernetes.default.svc,team-a\\s+"
                + "https://example.com/team-a.git\\s+ci");
        assertThat(r.out()).containsPattern("(?m)^default\\s");
        JsonNode json = Json.parse(proj("list", "-o", "json").out());
        assertThat(json).extracting(p -> p.path("metadata").path("name").asText()).contains("default", "team-a");
    }

    @Test
    void aCreatedTokenActsOnlyWithinItsRoleUntilItIsDeleted() throws Exception {
        Run created = proj("role", "create-token", "team-a", "ci", "--id", "ci-main", "--expires-in", "24h");
        assertThat(created.code()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(created.err()).contains("proj:team-a:ci", "id ci-main", "expires at");

        Run tokens = proj("role", "list-tokens", "team-a", "ci");
        assertThat(tokens.out()).containsPattern("ci-main\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+\\d{4}-");

        Run list = app(token, "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("web", "frozen").doesNotContain("billing");
        Run sync = app(token, "sync", "web", "--async");
        assertThat(sync.code()).as(sync.err()).isZero();
        JsonNode web = Json.MAPPER.valueToTree(client.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace("argocd").withName("web").get());
        assertThat(web.path("operation").path("initiatedBy").path("username").asText()).isEqualTo("proj:team-a:ci");
        Run frozen = app(token, "sync", "frozen", "--async");
        assertThat(frozen.code()).isEqualTo(1);
        assertThat(frozen.err()).contains("proj:team-a:ci may not sync application team-a/frozen");
        Run billing = app(token, "get", "billing");
        assertThat(billing.code()).isEqualTo(1);
        assertThat(billing.err()).contains("may not get application default/billing");

        Run deleted = proj("role", "delete-token", "team-a", "ci", "ci-main");
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("token ci-main of proj:team-a:ci revoked");
        assertThat(proj("role", "list-tokens", "team-a", "ci").out()).doesNotContain("ci-main");
        Run revoked = app(token, "list");
        assertThat(revoked.code()).isEqualTo(1);
        assertThat(revoked.err()).contains("has been revoked");
    }

    @Test
    void mistakesAreReportedWithWhatToDo() {
        Run noRole = proj("role", "create-token", "team-a", "deployer");
        assertThat(noRole.code()).isEqualTo(1);
        assertThat(noRole.err()).contains("project 'team-a' has no role 'deployer'", "spec.roles");
        Run badDuration = proj("role", "create-token", "team-a", "ci", "--expires-in", "tomorrow");
        assertThat(badDuration.code()).isEqualTo(1);
        assertThat(badDuration.err()).contains("invalid duration \"tomorrow\"");
        Run unknown = proj("role", "delete-token", "team-a", "ci", "never-issued");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no token with id or issued-at 'never-issued'");
        Run missingArg = proj("role", "delete-token", "team-a", "ci");
        assertThat(missingArg.code()).isEqualTo(2);
    }
}
