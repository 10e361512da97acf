package dev.fairway.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a broken or hostile client sends: each gets a Kubernetes Status error with the reason
 * and code a real API server uses, and none of them stops the server from serving the next one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static SandboxHttp http;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("bad-input", dir.resolve("data"), 0, null, true));
        http = new SandboxHttp(sandbox.url(), sandbox.token(), sandbox.caData());
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theServerStillServesAfterAllOfThem() {
        assertThat(http.get("/api/v1/namespaces/default").code()).isEqualTo(200);
        SandboxHttp.Answer ok = http.post(CONFIGMAPS, configMap("still-serving"));
        assertThat(ok.code()).as(ok.toString()).isEqualTo(201);
        assertThat(http.get(CONFIGMAPS + "/still-serving").json().path("data").path("key").asText()).isEqualTo("value");
    }

    @Test
    void malformedJsonIsABadRequest() {
        SandboxHttp.Answer a = http.send("POST", CONFIGMAPS, "application/json", "{\"apiVersion\": \"v1\", \"kind\": ");
        assertStatus(a, 400, "BadRequest");
    }

    @Test
    void malformedYamlIsABadRequest() {
        SandboxHttp.Answer a = http.send("POST", CONFIGMAPS, "application/yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n  labels: {a: b\n");
        assertStatus(a, 400, "BadRequest");
    }

    @Test
    void yamlAliasesAreRefusedRatherThanStoredAsTheirNames() {
        String aliased = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aliased\n  labels: {team: &t payments}\ndata:\n  owner: *t\n";
        SandboxHttp.Answer a = http.send("POST", CONFIGMAPS, "application/yaml", aliased);
        assertStatus(a, 400, "BadRequest");
        assertThat(a.json().path("message").asText()).contains("YAML aliases (*t) are not supported");
        assertThat(http.get(CONFIGMAPS + "/aliased").code()).isEqualTo(404);

        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        assertStatus(http.send("POST", CONFIGMAPS, "application/yaml", bomb.toString()), 400, "BadRequest");

        String plain = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain-yaml\ndata:\n  owner: payments\n";
        assertThat(http.send("POST", CONFIGMAPS, "application/yaml", plain).code()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        assertStatus(http.send("POST", CONFIGMAPS, "application/json", "[1, 2, 3]"), 400, "BadRequest");
        assertStatus(http.send("POST", CONFIGMAPS, "application/json", ""), 400, "BadRequest");
    }

    @Test
    void deeplyNestedJsonIsABadRequest() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertStatus(http.send("POST", CONFIGMAPS, "application/json", deep), 400, "BadRequest");
    }

    @Test
    void mistypedMetadataIsADecodingErrorAndNothingIsStored() {
        String[][] cases = {
                {"\"labels\": [\"x\"]", "cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string"},
                {"\"annotations\": \"m\"", "cannot unmarshal string into Go struct field ObjectMeta.metadata.annotations of type map[string]string"},
                {"\"annotations\": {\"a\": 1}", "cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type string"},
                {"\"finalizers\": \"x\"", "cannot unmarshal string into Go struct field ObjectMeta.metadata.finalizers of type []string"},
                {"\"ownerReferences\": {}", "cannot unmarshal object into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference"},
        };
        for (String[] c : cases) {
            String body = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"mistyped\", " + c[0] + "}}";
            SandboxHttp.Answer a = http.send("POST", CONFIGMAPS, "application/json", body);
            assertStatus(a, 400, "BadRequest");
            assertThat(a.json().path("message").asText()).as(c[0])
                    .isEqualTo("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: " + c[1]);
        }
        assertThat(http.get(CONFIGMAPS + "/mistyped").code()).isEqualTo(404);

        // a patch cannot sneak the wrong type in either
        assertThat(http.post(CONFIGMAPS, configMap("patched-metadata")).code()).isEqualTo(201);
        SandboxHttp.Answer patch = http.send("PATCH", CONFIGMAPS + "/patched-metadata", "application/merge-patch+json",
                "{\"metadata\": {\"labels\": \"oops\"}}");
        assertStatus(patch, 400, "BadRequest");
        assertThat(http.get(CONFIGMAPS + "/patched-metadata").json().path("metadata").has("labels")).isFalse();
    }

    @Test
    void secretDataThatIsNotBase64IsADecodingError() {
        String secret = "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"not-base64\"},"
                + " \"data\": {\"password\": \"hunter2!\"}}";
        SandboxHttp.Answer a = http.send("POST", "/api/v1/namespaces/default/secrets", "application/json", secret);
        assertStatus(a, 400, "BadRequest");
        assertThat(a.json().path("message").asText())
                .isEqualTo("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 7");
        assertThat(http.get("/api/v1/namespaces/default/secrets/not-base64").code()).isEqualTo(404);
        String good = secret.replace("hunter2!", "aHVudGVyMg==");
        assertThat(http.send("POST", "/api/v1/namespaces/default/secrets", "application/json", good).code()).isEqualTo(201);
    }

    @Test
    void unknownFieldsAreRefusedUnderStrictValidation() {
        ObjectNode cm = configMap("strict-unknown");
        cm.put("bogus", 1);
        SandboxHttp.Answer a = http.send("POST", CONFIGMAPS + "?fieldValidation=Strict", "application/json", Json.write(cm));
        assertStatus(a, 400, "BadRequest");
        assertThat(a.json().path("message").asText()).contains("strict decoding error").contains("unknown field \"bogus\"");
        assertThat(http.get(CONFIGMAPS + "/strict-unknown").code()).isEqualTo(404);
    }

    @Test
    void unknownFieldsAreDroppedWithAWarningUnderWarnValidation() {
        ObjectNode cm = configMap("warn-unknown");
        cm.put("bogus", 1);
        SandboxHttp.Answer a = http.send("POST", CONFIGMAPS + "?fieldValidation=Warn", "application/json", Json.write(cm));
        assertThat(a.code()).as(a.toString()).isEqualTo(201);
        assertThat(a.raw().headers().allValues("Warning")).anySatisfy(w -> assertThat(w).startsWith("299 ").contains("unknown field").contains("bogus"));
        assertThat(a.json().has("bogus")).isFalse();
    }

    @Test
    void aBodyOfAnotherKindThanThePathIsABadRequest() {
        ObjectNode secret = configMap("wrong-kind");
        secret.put("kind", "Secret");
        SandboxHttp.Answer a = http.post(CONFIGMAPS, secret);
        assertStatus(a, 400, "BadRequest");
        assertThat(a.json().path("message").asText()).contains("Secret").contains("ConfigMap");
        assertThat(http.get(CONFIGMAPS + "/wrong-kind").code()).isEqualTo(404);
    }

    @Test
    void anUnknownResourceInThePathIsNotFound() {
        assertStatus(http.post("/api/v1/namespaces/default/configmapz", configMap("x")), 404, "NotFound");
        assertStatus(http.get("/apis/nosuch.example.com/v1/widgets"), 404, "NotFound");
    }

    @Test
    void aBodyOverThreeMebibytesIsTooLarge() {
        char[] filler = new char[3 * 1024 * 1024 + 100];
        Arrays.fill(filler, 'x');
        ObjectNode cm = configMap("huge");
        cm.putObject("data").put("big", new String(filler));
        SandboxHttp.Answer a = http.post(CONFIGMAPS, cm);
        assertStatus(a, 413, "RequestEntityTooLarge");
        assertThat(http.get(CONFIGMAPS + "/huge").code()).isEqualTo(404);
    }

    @Test
    void aNameThatIsNotADnsSubdomainIsInvalid() {
        SandboxHttp.Answer a = http.post(CONFIGMAPS, configMap("Not_A_Valid_Name"));
        assertStatus(a, 422, "Invalid");
        JsonNode causes = a.json().path("details").path("causes");
        assertThat(causes).anySatisfy(c -> {
            assertThat(c.path("field").asText()).isEqualTo("metadata.name");
            assertThat(c.path("message").asText()).contains("RFC 1123");
        });
        ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ns.putObject("metadata").put("name", "dots.are.not.labels");
        assertStatus(http.post("/api/v1/namespaces", ns), 422, "Invalid");
    }

    @Test
    void aMissingTokenIsUnauthorized() {
        SandboxHttp.Answer a = http.send(http.request(CONFIGMAPS, null).GET());
        assertStatus(a, 401, "Unauthorized");
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        SandboxHttp.Answer a = http.send(http.request(CONFIGMAPS, "not-" + sandbox.token()).GET());
        assertStatus(a, 401, "Unauthorized");
        SandboxHttp.Answer write = http.send(http.request(CONFIGMAPS, "wrong").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(configMap("no-entry")))));
        assertStatus(write, 401, "Unauthorized");
        assertThat(http.get(CONFIGMAPS + "/no-entry").code()).isEqualTo(404);
    }

    @Test
    void healthIsServedWithoutAToken() {
        SandboxHttp.Answer a = http.send(http.request("/healthz", null).GET());
        assertThat(a.code()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("ok");
    }

    @Test
    void aProtobufBodyIsAnUnsupportedMediaType() {
        byte[] protobuf = {0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f, 0x0a, 0x02, 0x76, 0x31};
        SandboxHttp.Answer a = http.send("POST", CONFIGMAPS, "application/vnd.kubernetes.protobuf", protobuf);
        assertStatus(a, 415, "UnsupportedMediaType");
    }

    private static void assertStatus(SandboxHttp.Answer a, int code, String reason) {
        assertThat(a.code()).as(a.toString()).isEqualTo(code);
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode s = a.json();
        assertThat(s.path("kind").asText()).as(a.toString()).isEqualTo("Status");
        assertThat(s.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(s.path("status").asText()).isEqualTo("Failure");
        assertThat(s.path("reason").asText()).as(a.toString()).isEqualTo(reason);
        assertThat(s.path("code").asInt()).isEqualTo(code);
        assertThat(s.path("message").asText()).isNotBlank();
    }

    static ObjectNode configMap(String name) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name);
        cm.putObject("data").put("key", "value");
        return cm;
    }
}
