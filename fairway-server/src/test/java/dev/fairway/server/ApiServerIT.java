package dev.fairway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API against a real (sandbox) cluster holding Argo CD Applications. */
class ApiServerIT {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static ApiServer api;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String CRD = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"applications.argoproj.io"},
             "spec":{"group":"argoproj.io","scope":"Namespaced",
               "names":{"plural":"applications","singular":"application","kind":"Application","shortNames":["app","apps"]},
               "versions":[{"name":"v1alpha1","served":true,"storage":true,
                 "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("api", dir.resolve("sandbox"), 0, null, false));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
        client.resource(Json.MAPPER.readValue(CRD, GenericKubernetesResource.class)).serverSideApply();
        ApiTokens.Token t = ApiTokens.loadOrCreate(client, "argocd");
        assertThat(t.created()).isTrue();
        assertThat(ApiTokens.loadOrCreate(client, "argocd")).isEqualTo(new ApiTokens.Token(t.value(), false));
        token = t.value();
        app("guestbook", "default", "Synced", "Healthy");
        app("idp", "idp", "OutOfSync", "Degraded");
        app("idp-test", "idp", "Synced", "Progressing");
        api = ApiServer.start(client, new ApiServer.Config("127.0.0.1", 0, "argocd"), token);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        client.close();
        sandbox.close();
    }

    static void app(String name, String project, String sync, String health) throws Exception {
        String json = """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                 "metadata":{"name":"%s","namespace":"argocd","labels":{"team":"%s"}},
                 "spec":{"project":"%s","source":{"repoURL":"https://github.com/fairway-dev/fairway.git","path":"apps/%1$s","targetRevision":"HEAD"},
                   "destination":{"server":"https://kubernetes.default.svc","namespace":"%1$s"}},
                 "status":{"sync":{"status":"%s"},"health":{"status":"%s"},
                   "history":[{"id":0,"revision":"abc123","deployedAt":"2026-11-30T10:00:00Z"}]}}
                """.formatted(name, project, project, sync, health);
        client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
    }

    static HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body());
    }

    @Test
    void listsAppsWithFiltersCountsAndPaging() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> json(call("GET", "/api/v1/applications", null, token)).path("total").asInt() == 3);
        JsonNode all = json(call("GET", "/api/v1/applications", null, token));
        assertThat(all.path("counts").path("sync").path("Synced").asInt()).isEqualTo(2);
        assertThat(all.path("counts").path("health").path("Degraded").asInt()).isEqualTo(1);
        JsonNode idp = json(call("GET", "/api/v1/applications?project=idp&health=degraded", null, token));
        assertThat(idp.path("items")).extracting(a -> a.path("metadata").path("name").asText()).containsExactly("idp");
        JsonNode byLabel = json(call("GET", "/api/v1/applications?selector=team%3Didp", null, token));
        assertThat(byLabel.path("total").asInt()).isEqualTo(2);
        JsonNode page = json(call("GET", "/api/v1/applications?limit=1&offset=1", null, token));
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("metadata").path("name").asText()).isEqualTo("idp");
    }

    @Test
    void syncWritesAnOperationAndRefusesASecondOne() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/applications/guestbook/sync", "{\"prune\":true,\"revision\":\"main\"}", token);
        assertThat(r.statusCode()).isEqualTo(200);
        GenericKubernetesResource live = client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd").withName("guestbook").get();
        JsonNode op = Json.MAPPER.valueToTree(live).path("operation");
        assertThat(op.path("sync").path("prune").asBoolean()).isTrue();
        assertThat(op.path("sync").path("revision").asText()).isEqualTo("main");
        assertThat(op.path("initiatedBy").path("username").asText()).isEqualTo("admin");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                call("POST", "/api/v1/applications/guestbook/sync", "{}", token).statusCode() == 409);
        assertThat(json(call("POST", "/api/v1/applications/guestbook/sync", "{}", token)).path("error").asText())
                .contains("another operation is already in progress");
    }

    @Test
    void refreshHistoryAndErrorsAreClear() throws Exception {
        assertThat(call("POST", "/api/v1/applications/idp-test/refresh?hard=true", null, token).statusCode()).isEqualTo(200);
        GenericKubernetesResource live = client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd").withName("idp-test").get();
        assertThat(live.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/refresh", "hard");
        assertThat(json(call("GET", "/api/v1/applications/idp-test/history", null, token)).path("items").get(0).path("revision").asText())
                .isEqualTo("abc123");
        HttpResponse<String> missing = call("GET", "/api/v1/applications/nope", null, token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("error").asText()).contains("application \"nope\" not found");
        assertThat(call("GET", "/api/v1/applications", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/applications", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/applications/idp/sync", "{not json", token).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/v1/applications/idp", "{}", token).statusCode()).isEqualTo(405);
        // without an engine this server cannot tell what a dry run would change, and says so
        assertThat(call("POST", "/api/v1/applications/idp/sync", "{\"dryRun\":true}", token).statusCode()).isEqualTo(501);
        HttpResponse<String> unnamed = call("POST", "/api/v1/applications/idp/sync", "{\"resources\":[{\"kind\":\"ConfigMap\"}]}", token);
        assertThat(unnamed.statusCode()).isEqualTo(400);
        assertThat(json(unnamed).path("error").asText()).contains("needs \"kind\" and \"name\"");
    }

    @Test
    void streamsApplicationChangesAsServerSentEvents() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/stream/applications"))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<java.io.InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the stream ends when the test closes the server
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("labels").put("touched", "yes");
        client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd").withName("idp")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), Json.write(patch));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"touched\":\"yes\"")));
        assertThat(lines).contains("event: MODIFIED");
    }

    @Test
    void aPushWebhookRefreshesOnlyTheAppsOfThatRepositoryAndBranch() throws Exception {
        String payload = """
                {"ref":"refs/heads/HEAD-branch","repository":{"clone_url":"https://github.com/fairway-dev/fairway.git","default_branch":"HEAD-branch"}}
                """;
        HttpResponse<String> r = call("POST", "/api/webhook", payload, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("refreshed")).extracting(JsonNode::asText).contains("guestbook", "idp", "idp-test");
        String other = """
                {"ref":"refs/heads/main","repository":{"clone_url":"https://github.com/someone/else.git"}}
                """;
        assertThat(json(call("POST", "/api/webhook", other, null)).path("refreshed")).isEmpty();
        assertThat(call("POST", "/api/webhook", "{\"zen\":\"hi\"}", null).statusCode()).isEqualTo(400);
    }

    @Test
    void theResourceTreeShowsWhatTheAppsObjectsOwn() throws Exception {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("treens")
                .endMetadata().build()).create();
        client.apps().deployments().inNamespace("treens").resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("tree-web").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "tree").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "tree").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        String json = """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"tree","namespace":"argocd"},
                 "spec":{"project":"default","source":{"repoURL":"https://example.com/r.git","path":"tree"},
                   "destination":{"server":"https://kubernetes.default.svc","namespace":"treens"}},
                 "status":{"resources":[{"group":"apps","version":"v1","kind":"Deployment","namespace":"treens","name":"tree-web",
                   "status":"Synced","health":{"status":"Healthy"}}]}}
                """;
        client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode tree = json(call("GET", "/api/v1/applications/tree/resource-tree", null, token));
            JsonNode deployment = tree.path("nodes").get(0);
            assertThat(deployment.path("kind").asText()).isEqualTo("Deployment");
            JsonNode rs = deployment.path("children").get(0);
            assertThat(rs.path("kind").asText()).isEqualTo("ReplicaSet");
            assertThat(rs.path("children")).hasSize(2);
            assertThat(rs.path("children").get(0).path("kind").asText()).isEqualTo("Pod");
        });
    }
}
