package dev.fairway.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubernetes semantics of writes, checked on the service layer of a real sandbox. */
class ObjectServiceTest {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static ObjectService service;
    static ResourceType deployments;
    static ResourceType configMaps;
    static ResourceType namespaces;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("unit", dir, 0, null, false));
        service = sandbox.objects();
        deployments = service.registry().byResource("apps", "v1", "deployments").orElseThrow();
        configMaps = service.registry().byResource("", "v1", "configmaps").orElseThrow();
        namespaces = service.registry().byResource("", "v1", "namespaces").orElseThrow();
        service.create(namespaces, "", parse("{\"metadata\":{\"name\":\"t\"}}"), WriteOptions.defaults("test"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) Json.parse(json);
    }

    static ObjectNode deployment(String name, int replicas, String image) throws Exception {
        return parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},"spec":{"containers":[{"name":"c","image":"%s"}]}}}}
                """.formatted(name, replicas, image));
    }

    @Test
    void generationRisesOnSpecChangesOnlyAndStatusWritesCannotTouchSpec() throws Exception {
        ObjectNode created = service.create(deployments, "t", deployment("gen", 1, "nginx:1"), WriteOptions.defaults("test")).object();
        assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(created.path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(created.path("spec").path("strategy").path("type").asText()).isEqualTo("RollingUpdate");

        ObjectNode labelled = service.get(deployments, "t", "gen").deepCopy();
        ((ObjectNode) labelled.path("metadata")).putObject("labels").put("x", "y");
        ObjectNode afterLabel = service.update(deployments, "t", "gen", "", labelled, WriteOptions.defaults("test")).object();
        assertThat(afterLabel.path("metadata").path("generation").asLong()).isEqualTo(1);

        ObjectNode scaled = afterLabel.deepCopy();
        ((ObjectNode) scaled.path("spec")).put("replicas", 5);
        scaled.putObject("status").put("replicas", 99);
        ObjectNode afterScale = service.update(deployments, "t", "gen", "", scaled, WriteOptions.defaults("test")).object();
        assertThat(afterScale.path("metadata").path("generation").asLong()).isEqualTo(2);
        assertThat(afterScale.has("status")).as("spec writes do not set status").isFalse();

        ObjectNode statusWrite = afterScale.deepCopy();
        statusWrite.putObject("status").put("replicas", 3);
        ((ObjectNode) statusWrite.path("spec")).put("replicas", 1);
        ObjectNode afterStatus = service.update(deployments, "t", "gen", "status", statusWrite, WriteOptions.defaults("test")).object();
        assertThat(afterStatus.path("status").path("replicas").asInt()).isEqualTo(3);
        assertThat(afterStatus.path("spec").path("replicas").asInt()).as("status writes do not set spec").isEqualTo(5);
        assertThat(afterStatus.path("metadata").path("generation").asLong()).isEqualTo(2);
    }

    @Test
    void staleUpdatesConflictAndUnchangedWritesKeepTheResourceVersion() throws Exception {
        ObjectNode cm = parse("{\"metadata\":{\"name\":\"stale\"},\"data\":{\"a\":\"1\"}}");
        ObjectNode v1 = service.create(configMaps, "t", cm, WriteOptions.defaults("test")).object();
        ObjectNode edit = v1.deepCopy();
        ((ObjectNode) edit.path("data")).put("a", "2");
        ObjectNode v2 = service.update(configMaps, "t", "stale", "", edit, WriteOptions.defaults("test")).object();
        assertThatThrownBy(() -> service.update(configMaps, "t", "stale", "", edit, WriteOptions.defaults("test")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("the object has been modified");
                });
        ObjectNode same = service.update(configMaps, "t", "stale", "", v2, WriteOptions.defaults("test")).object();
        assertThat(same.path("metadata").path("resourceVersion")).isEqualTo(v2.path("metadata").path("resourceVersion"));
    }

    @Test
    void dryRunValidatesButStoresNothing() throws Exception {
        ObjectNode cm = parse("{\"metadata\":{\"name\":\"dry\"},\"data\":{\"a\":\"1\"}}");
        WriteResult r = service.create(configMaps, "t", cm, new WriteOptions(true, "test", AdmissionRequest.FieldValidation.STRICT, false));
        assertThat(r.code()).isEqualTo(201);
        assertThat(service.find(configMaps, "t", "dry")).isEmpty();
        assertThatThrownBy(() -> service.create(configMaps, "t", parse("{\"metadata\":{\"name\":\"Bad_Name\"}}"),
                new WriteOptions(true, "test", AdmissionRequest.FieldValidation.STRICT, false)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
    }

    @Test
    void finalizersHoldDeletionUntilRemoved() throws Exception {
        ObjectNode cm = parse("{\"metadata\":{\"name\":\"fin\",\"finalizers\":[\"example.com/hold\"]}}");
        service.create(configMaps, "t", cm, WriteOptions.defaults("test"));
        service.delete(configMaps, "t", "fin", DeleteOptions.DEFAULT);
        ObjectNode held = service.get(configMaps, "t", "fin");
        assertThat(held.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
        ObjectNode addMore = held.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) addMore.path("metadata").path("finalizers")).add("example.com/more");
        assertThatThrownBy(() -> service.update(configMaps, "t", "fin", "", addMore, WriteOptions.defaults("test")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));
        ObjectNode release = held.deepCopy();
        ((ObjectNode) release.path("metadata")).remove("finalizers");
        service.update(configMaps, "t", "fin", "", release, WriteOptions.defaults("test"));
        assertThat(service.find(configMaps, "t", "fin")).isEmpty();
    }

    @Test
    void ownedObjectsAreCollectedWithTheirOwner() throws Exception {
        ObjectNode owner = service.create(configMaps, "t", parse("{\"metadata\":{\"name\":\"owner\"}}"), WriteOptions.defaults("test")).object();
        String uid = owner.path("metadata").path("uid").asText();
        service.create(configMaps, "t", parse("{\"metadata\":{\"name\":\"child\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\""
                + uid + "\"}]}}"), WriteOptions.defaults("test"));
        service.delete(configMaps, "t", "owner", new DeleteOptions("Foreground", null, null, null, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.find(configMaps, "t", "child").isEmpty()
                && service.find(configMaps, "t", "owner").isEmpty());
    }

    @Test
    void orphanedDependentsLoseTheirOwnerReferenceAndStay() throws Exception {
        ObjectNode owner = service.create(configMaps, "t", parse("{\"metadata\":{\"name\":\"owner2\"}}"), WriteOptions.defaults("test")).object();
        String uid = owner.path("metadata").path("uid").asText();
        service.create(configMaps, "t", parse("{\"metadata\":{\"name\":\"child2\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner2\",\"uid\":\""
                + uid + "\"}]}}"), WriteOptions.defaults("test"));
        service.delete(configMaps, "t", "owner2", new DeleteOptions("Orphan", null, null, null, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.find(configMaps, "t", "owner2").isEmpty());
        assertThat(service.find(configMaps, "t", "child2")).hasValueSatisfying(c ->
                assertThat(c.path("metadata").has("ownerReferences")).isFalse());
    }

    @Test
    void creatingInAMissingOrTerminatingNamespaceIsRefused() throws Exception {
        assertThatThrownBy(() -> service.create(configMaps, "nope", parse("{\"metadata\":{\"name\":\"x\"}}"), WriteOptions.defaults("test")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("namespaces \"nope\" not found");
                });
    }

    @Test
    void generateNameMakesUniqueNames() throws Exception {
        ObjectNode a = service.create(configMaps, "t", parse("{\"metadata\":{\"generateName\":\"gen-\"}}"), WriteOptions.defaults("test")).object();
        ObjectNode b = service.create(configMaps, "t", parse("{\"metadata\":{\"generateName\":\"gen-\"}}"), WriteOptions.defaults("test")).object();
        assertThat(a.path("metadata").path("name").asText()).startsWith("gen-").hasSize(9);
        assertThat(a.path("metadata").path("name")).isNotEqualTo(b.path("metadata").path("name"));
    }

    @Test
    void serviceAccountTokenSecretsGetATokenTheCaAndTheNamespace() throws Exception {
        ResourceType secrets = service.registry().byResource("", "v1", "secrets").orElseThrow();
        ObjectNode secret = parse("{\"metadata\":{\"name\":\"build-robot\",\"annotations\":{\"kubernetes.io/service-account.name\":\"default\"}},"
                + "\"type\":\"kubernetes.io/service-account-token\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> service.find(service.registry().byResource("", "v1", "serviceaccounts").orElseThrow(),
                "t", "default").isPresent());
        service.create(secrets, "t", secret, WriteOptions.defaults("test"));
        await().atMost(Duration.ofSeconds(10)).until(() -> service.get(secrets, "t", "build-robot").path("data").has("token"));
        ObjectNode filled = service.get(secrets, "t", "build-robot");
        assertThat(new String(java.util.Base64.getDecoder().decode(filled.path("data").path("namespace").asText()))).isEqualTo("t");
        assertThat(new String(java.util.Base64.getDecoder().decode(filled.path("data").path("ca.crt").asText()))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(filled.path("metadata").path("annotations").path("kubernetes.io/service-account.uid").asText()).isNotEmpty();
    }
}
