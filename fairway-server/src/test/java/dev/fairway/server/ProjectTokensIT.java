package dev.fairway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import dev.fairway.server.auth.AppProjects;
import dev.fairway.server.auth.Hs256Jwt;
import dev.fairway.server.auth.JwtClaims;
import dev.fairway.server.auth.ServerKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Project roles and their tokens through the REST API, against a sandbox: project {@code p} has
 * a role {@code ci} that may get and sync {@code p/*} but not sync {@code p/frozen}; project
 * {@code q} is someone else's.
 */
class ProjectTokensIT {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static ApiServer api;
    static String admin;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("proj-tokens", dir.resolve("sandbox"), 0, null, false));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(60));
        admin = ApiTokens.loadOrCreate(client, "argocd").value();
        project("p", """
                "roles":[{"name":"ci","description":"CI may sync","policies":[
                  "p, proj:p:ci, applications, get, p/*, allow",
                  "p, proj:p:ci, applications, sync, p/*, allow",
                  "p, proj:p:ci, applications, sync, p/frozen, deny"]},
                 {"name":"viewer","policies":["p, proj:p:viewer, applications, get, p/*, allow"]},
                 {"name":"auditor","policies":["p, proj:p:auditor, applications, get, p/*, allow"]}]""");
        project("q", "\"roles\":[{\"name\":\"ci\",\"policies\":[\"p, proj:q:ci, applications, *, q/*, allow\"]}]");
        app("web", "p");
        app("frozen", "p");
        app("api", "p");
        app("other", "q");
        api = ApiServer.start(client, new ApiServer.Config("127.0.0.1", 0, "argocd"), admin);
        await().atMost(Duration.ofSeconds(30)).until(() -> json(call("GET", "/api/v1/applications", null, admin)).path("total").asInt() == 4);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        client.close();
        sandbox.close();
    }

    static void project(String name, String roles) throws Exception {
        String json = """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"AppProject","metadata":{"name":"%s","namespace":"argocd"},
                 "spec":{"sourceRepos":["https://example.com/%1$s.git"],
                   "destinations":[{"server":"https://kubernetes.default.svc","namespace":"%1$s-*"}],%s}}
                """.formatted(name, roles);
        client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
    }

    static void app(String name, String project) throws Exception {
        String json = """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"%s","namespace":"argocd"},
                 "spec":{"project":"%s","source":{"repoURL":"https://example.com/%2$s.git","path":"%1$s","targetRevision":"HEAD"},
                   "destination":{"server":"https://kubernetes.default.svc","namespace":"%2$s-%1$s"}}}
                """.formatted(name, project);
        client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
    }

    static HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body());
    }

    static String issue(String role, String body) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/projects/p/roles/" + role + "/token", body, admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("token").asText();
    }

    static JsonNode liveProject(String name) {
        return Json.MAPPER.valueToTree(client.genericKubernetesResources(AppProjects.APP_PROJECT).inNamespace("argocd").withName(name).get());
    }

    @Test
    void issuingATokenRecordsItInTheProjectsStatusAndSignsWithTheServerKey() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/projects/p/roles/ci/token", "{\"expiresIn\":\"24h\",\"id\":\"ci-issue\"}", admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode issued = json(r);
        assertThat(issued.path("subject").asText()).isEqualTo("proj:p:ci");
        assertThat(issued.path("exp").asLong() - issued.path("iat").asLong()).isEqualTo(24 * 3600);
        assertThat(client.secrets().inNamespace("argocd").withName(ServerKey.SECRET).get().getData()).containsKey(ServerKey.DATA_KEY);
        JsonNode items = liveProject("p").path("status").path("jwtTokensByRole").path("ci").path("items");
        assertThat(items).anySatisfy(i -> {
            assertThat(i.path("id").asText()).isEqualTo("ci-issue");
            assertThat(i.path("iat").asLong()).isEqualTo(issued.path("iat").asLong());
            assertThat(i.path("exp").asLong()).isEqualTo(issued.path("exp").asLong());
        });
        // the spec, which may be kept in git, is not touched
        assertThat(liveProject("p").path("spec").path("roles").get(0).has("jwtTokens")).isFalse();
        JsonNode listed = json(call("GET", "/api/v1/projects/p/roles/ci/token", null, admin));
        assertThat(listed.path("items")).extracting(i -> i.path("id").asText()).contains("ci-issue");
        // the same token's claims, read back by the server, answer a request
        assertThat(call("GET", "/api/v1/applications/web", null, issued.path("token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void badTokenRequestsSayWhatIsWrong() throws Exception {
        issue("ci", "{\"id\":\"dup\"}");
        HttpResponse<String> dup = call("POST", "/api/v1/projects/p/roles/ci/token", "{\"id\":\"dup\"}", admin);
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(json(dup).path("error").asText()).contains("already has a token with id 'dup'");
        HttpResponse<String> noRole = call("POST", "/api/v1/projects/p/roles/deployer/token", "{}", admin);
        assertThat(noRole.statusCode()).isEqualTo(404);
        assertThat(json(noRole).path("error").asText()).contains("project 'p' has no role 'deployer'", "[ci, viewer, auditor]");
        assertThat(call("POST", "/api/v1/projects/nope/roles/ci/token", "{}", admin).statusCode()).isEqualTo(404);
        HttpResponse<String> badDuration = call("POST", "/api/v1/projects/p/roles/ci/token", "{\"expiresIn\":\"a day\"}", admin);
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(json(badDuration).path("error").asText()).contains("expiresIn", "a day");
        assertThat(call("POST", "/api/v1/projects/p/roles/ci/token", "{\"id\":\"../x\"}", admin).statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/v1/projects/p/roles/ci/token/never-issued", null, admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aTokenListsOnlyTheAppsItMayGetAndSeesOnlyItsProject() throws Exception {
        String ci = issue("ci", "{}");
        JsonNode list = json(call("GET", "/api/v1/applications", null, ci));
        assertThat(list.path("items")).extracting(a -> a.path("metadata").path("name").asText()).containsExactly("api", "frozen", "web");
        assertThat(list.path("total").asInt()).isEqualTo(3);
        HttpResponse<String> other = call("GET", "/api/v1/applications/other", null, ci);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).path("error").asText()).contains("proj:p:ci may not get application q/other");
        assertThat(call("GET", "/api/v1/applications/other/history", null, ci).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/applications/web/history", null, ci).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/applications/no-such-app", null, ci).statusCode()).isEqualTo(404);
        assertThat(json(call("GET", "/api/v1/projects", null, ci)).path("items"))
                .extracting(p -> p.path("metadata").path("name").asText()).containsExactly("p");
        assertThat(json(call("GET", "/api/v1/projects", null, admin)).path("items"))
                .extracting(p -> p.path("metadata").path("name").asText()).contains("default", "p", "q");
        assertThat(call("GET", "/api/v1/projects/q", null, ci).statusCode()).isEqualTo(403);
        // a token cannot mint tokens, not even for its own role
        HttpResponse<String> mint = call("POST", "/api/v1/projects/p/roles/ci/token", "{}", ci);
        assertThat(mint.statusCode()).isEqualTo(403);
        assertThat(json(mint).path("error").asText()).contains("only the admin may issue project tokens");
    }

    @Test
    void aTokenSyncsWhatItsPoliciesAllowAndNothingElse() throws Exception {
        String ci = issue("ci", "{}");
        HttpResponse<String> sync = call("POST", "/api/v1/applications/web/sync", "{}", ci);
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        JsonNode op = Json.MAPPER.valueToTree(client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd")
                .withName("web").get()).path("operation");
        assertThat(op.path("initiatedBy").path("username").asText()).isEqualTo("proj:p:ci");
        HttpResponse<String> frozen = call("POST", "/api/v1/applications/frozen/sync", "{}", ci);
        assertThat(frozen.statusCode()).isEqualTo(403);
        assertThat(json(frozen).path("error").asText())
                .contains("proj:p:ci may not sync application p/frozen", "p, proj:p:ci, applications, sync, p/frozen, deny");
        assertThat(Json.MAPPER.valueToTree(client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd")
                .withName("frozen").get()).has("operation")).isFalse();
        assertThat(call("POST", "/api/v1/applications/other/sync", "{}", ci).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/applications/frozen/rollback", "{\"id\":1}", ci).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/applications/api/refresh", null, ci).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/applications/api", null, ci).statusCode()).isEqualTo(403);
        assertThat(client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd").withName("api").get()).isNotNull();
        String viewer = issue("viewer", "{}");
        HttpResponse<String> viewerSync = call("POST", "/api/v1/applications/api/sync", "{}", viewer);
        assertThat(viewerSync.statusCode()).isEqualTo(403);
        assertThat(json(viewerSync).path("error").asText()).contains("proj:p:viewer may not sync application p/api");
    }

    @Test
    void aRevokedTamperedOrExpiredTokenIsRefusedWith401() throws Exception {
        String ci = issue("ci", "{\"id\":\"to-revoke\"}");
        assertThat(call("GET", "/api/v1/applications/web", null, ci).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = call("DELETE", "/api/v1/projects/p/roles/ci/token/to-revoke", null, admin);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(call("GET", "/api/v1/projects/p/roles/ci/token", null, admin)).path("items"))
                .extracting(i -> i.path("id").asText()).doesNotContain("to-revoke");
        HttpResponse<String> after = call("GET", "/api/v1/applications/web", null, ci);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).path("error").asText()).contains("'to-revoke' of proj:p:ci has been revoked");

        String[] parts = issue("ci", "{}").split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        HttpResponse<String> bad = call("GET", "/api/v1/applications", null, tampered);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).path("error").asText()).contains("signature does not match");

        String shortLived = issue("ci", "{\"expiresIn\":\"2s\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> call("GET", "/api/v1/applications/web", null, shortLived).statusCode() == 401);
        assertThat(json(call("GET", "/api/v1/applications/web", null, shortLived)).path("error").asText()).contains("expired");
    }

    @Test
    void revokingByIssueTimeRemovesTheTokenAsArgoCdDoesUnlessTheTimeIsAmbiguous() throws Exception {
        // role auditor is used by this test alone, so no other token shares the second
        HttpResponse<String> r = call("POST", "/api/v1/projects/p/roles/auditor/token", "{\"id\":\"by-iat\"}", admin);
        JsonNode issued = json(r);
        assertThat(call("GET", "/api/v1/applications", null, issued.path("token").asText()).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = call("DELETE", "/api/v1/projects/p/roles/auditor/token/" + issued.path("iat").asLong(), null, admin);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/applications", null, issued.path("token").asText()).statusCode()).isEqualTo(401);

        client.genericKubernetesResources(AppProjects.APP_PROJECT).inNamespace("argocd").withName("p").edit(p -> {
            p.setAdditionalProperty("status", Json.MAPPER.convertValue(Json.MAPPER.createObjectNode().set("jwtTokensByRole",
                    Json.object().set("auditor", Json.object().set("items", Json.MAPPER.createArrayNode()
                            .add(Json.object().put("iat", 1700000000L).put("id", "a"))
                            .add(Json.object().put("iat", 1700000000L).put("id", "b"))))), java.util.Map.class));
            return p;
        });
        HttpResponse<String> ambiguous = call("DELETE", "/api/v1/projects/p/roles/auditor/token/1700000000", null, admin);
        assertThat(ambiguous.statusCode()).isEqualTo(409);
        assertThat(json(ambiguous).path("error").asText()).contains("2 tokens", "[a, b]");
        assertThat(call("DELETE", "/api/v1/projects/p/roles/auditor/token/b", null, admin).statusCode()).isEqualTo(200);
        assertThat(json(call("GET", "/api/v1/projects/p/roles/auditor/token", null, admin)).path("items"))
                .extracting(i -> i.path("id").asText()).containsExactly("a");
    }

    @Test
    void theEventStreamCarriesOnlyTheTokensApps() throws Exception {
        String viewer = issue("viewer", "{}");
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/stream/applications"))
                .header("Authorization", "Bearer " + viewer).build();
        HttpResponse<java.io.InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the stream ends when the server closes
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        for (String name : List.of("other", "api")) {
            client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd").withName(name)
                    .edit(a -> {
                        a.getMetadata().setLabels(java.util.Map.of("streamed", name));
                        return a;
                    });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("\"streamed\":\"api\"")));
        assertThat(lines).noneMatch(l -> l.contains("\"streamed\":\"other\""));
        // revoked, the token's stream ends at the next check instead of running on
        String id = json(call("GET", "/api/v1/projects/p/roles/viewer/token", null, admin)).path("items").get(0).path("id").asText();
        for (JsonNode t : json(call("GET", "/api/v1/projects/p/roles/viewer/token", null, admin)).path("items")) {
            call("DELETE", "/api/v1/projects/p/roles/viewer/token/" + t.path("id").asText(), null, admin);
        }
        assertThat(id).isNotEmpty();
        reader.join(40_000);
        assertThat(reader.isAlive()).as("stream still open after its token was revoked").isFalse();
    }

    @Test
    void tokensSignedWithTheKeyButNotIssuedForALiveRoleAreRefused() throws Exception {
        issue("ci", "{}"); // not auditor: revokingByIssueTime needs that role's tokens alone in their second
        Hs256Jwt key = new Hs256Jwt(ServerKey.load(client, "argocd").orElseThrow());
        long now = Instant.now().getEpochSecond();
        String notAProject = key.sign(new JwtClaims("admin", JwtClaims.ISSUER, now, 0, "x"));
        assertThat(json(call("GET", "/api/v1/applications", null, notAProject)).path("error").asText())
                .contains("subject 'admin' is not a project role");
        String neverListed = key.sign(new JwtClaims("proj:p:ci", JwtClaims.ISSUER, now, 0, "made-up"));
        assertThat(call("GET", "/api/v1/applications", null, neverListed).statusCode()).isEqualTo(401);
        String noProject = key.sign(new JwtClaims("proj:gone:ci", JwtClaims.ISSUER, now, 0, "x"));
        HttpResponse<String> gone = call("GET", "/api/v1/applications", null, noProject);
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(json(gone).path("error").asText()).contains("project 'gone' no longer exists");

        // a project broken by an edit refuses its tokens, saying which field is wrong
        project("broken", "\"roles\":[{\"name\":\"ci\",\"policies\":[\"p, proj:broken:ci, applications, get, broken/*, allow\"]}]");
        HttpResponse<String> r = call("POST", "/api/v1/projects/broken/roles/ci/token", "{}", admin);
        String token = json(r).path("token").asText();
        assertThat(call("GET", "/api/v1/applications", null, token).statusCode()).isEqualTo(200);
        client.genericKubernetesResources(AppProjects.APP_PROJECT).inNamespace("argocd").withName("broken").edit(p -> {
            ((java.util.Map<String, Object>) p.getAdditionalProperties().get("spec")).put("sourceRepos", List.of("!*"));
            return p;
        });
        HttpResponse<String> broken = call("GET", "/api/v1/applications", null, token);
        assertThat(broken.statusCode()).isEqualTo(401);
        assertThat(json(broken).path("error").asText()).contains("AppProject 'broken': spec.sourceRepos[0]", "refused until it is fixed");
    }

    @Test
    void tokensIssuedAtTheSameTimeAreAllRecorded() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = "{\"id\":\"parallel-" + i + "\"}";
                calls.add(pool.submit(() -> call("POST", "/api/v1/projects/q/roles/ci/token", body, admin).statusCode()));
            }
            for (Future<Integer> c : calls) {
                assertThat(c.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(liveProject("q").path("status").path("jwtTokensByRole").path("ci").path("items"))
                .extracting(i -> i.path("id").asText()).containsExactlyInAnyOrder("parallel-0", "parallel-1", "parallel-2", "parallel-3");
    }
}
