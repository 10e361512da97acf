package dev.fairway.gitops.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.TestYaml;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSecretTest {

    static final String CA = b64("-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n");
    static final String KEY = b64("-----BEGIN EC PRIVATE KEY-----\nMHcfake\n-----END EC PRIVATE KEY-----\n");

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A cluster Secret as Argo CD's declarative setup documents it, with stringData. */
    static ObjectNode secret(String stringData) {
        return TestYaml.yaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: prod-secret
                  namespace: argocd
                  labels:
                    argocd.argoproj.io/secret-type: cluster
                type: Opaque
                stringData:
                """ + stringData.indent(2));
    }

    @Test
    void readsTheDocumentedStringDataForm() {
        ClusterSecret c = ClusterSecret.parse(secret("""
                name: prod
                server: https://prod.example.com:6443/
                namespaces: " team-a, team-b ,,"
                clusterResources: "true"
                project: team-a
                config: |
                  {
                    "bearerToken": "s3cret",
                    "tlsClientConfig": {"insecure": false, "caData": "%s", "serverName": "api.prod"}
                  }
                """.formatted(CA)));
        assertThat(c.secretName()).isEqualTo("prod-secret");
        assertThat(c.name()).isEqualTo("prod");
        assertThat(c.server()).as("trailing slash dropped, as Argo CD does").isEqualTo("https://prod.example.com:6443");
        assertThat(c.namespaces()).containsExactly("team-a", "team-b");
        assertThat(c.clusterResources()).isTrue();
        assertThat(c.project()).isEqualTo("team-a");
        assertThat(c.config().bearerToken()).isEqualTo("s3cret");
        assertThat(c.config().tls()).isEqualTo(new TlsClientConfig(false, "api.prod", CA, "", ""));
        assertThat(c.isInCluster()).isFalse();
    }

    @Test
    void readsBase64DataAsTheApiServerReturnsItAndStringDataWins() {
        ObjectNode s = secret("name: from-string-data\n");
        s.putObject("data").put("server", b64("https://b.example.com")).put("name", b64("from-data"))
                .put("config", b64("{\"username\":\"admin\",\"password\":\"pw\"}"));
        ClusterSecret c = ClusterSecret.parse(s);
        assertThat(c.server()).isEqualTo("https://b.example.com");
        assertThat(c.name()).isEqualTo("from-string-data");
        assertThat(c.config().username()).isEqualTo("admin");
        assertThat(c.config().password()).isEqualTo("pw");
        assertThat(c.config().hasCredentials()).isTrue();
    }

    @Test
    void defaultsLikeArgoCd() {
        ClusterSecret c = ClusterSecret.parse(secret("""
                server: https://kubernetes.default.svc
                clusterResources: "yes"
                """));
        assertThat(c.name()).as("name defaults to the server").isEqualTo("https://kubernetes.default.svc");
        assertThat(c.config()).isEqualTo(ClusterConfig.NONE);
        assertThat(c.config().hasCredentials()).isFalse();
        assertThat(c.namespaces()).isEmpty();
        assertThat(c.clusterResources()).as("only the text \"true\" turns it on").isFalse();
        assertThat(c.isInCluster()).isTrue();
    }

    @Test
    void secretItWritesReadsBackTheSame() {
        ClusterSecret c = new ClusterSecret("", "b", "https://b.example.com:6443", new ClusterConfig("tok", "", "",
                new TlsClientConfig(false, "", CA, CA, KEY), ""), List.of("apps", "web"), true, "team-b");
        ObjectNode s = c.toSecret("argocd", ClusterSecret.secretNameFor("b"));
        assertThat(s.path("metadata").path("labels").path("argocd.argoproj.io/secret-type").asText()).isEqualTo("cluster");
        assertThat(s.path("metadata").path("name").asText()).isEqualTo("cluster-b");
        assertThat(s.has("stringData")).isFalse();
        String config = new String(Base64.getDecoder().decode(s.path("data").path("config").asText()), StandardCharsets.UTF_8);
        assertThat(config).contains("\"bearerToken\":\"tok\"").contains("\"insecure\":false");
        ClusterSecret back = ClusterSecret.parse(s);
        assertThat(back).isEqualTo(new ClusterSecret("cluster-b", c.name(), c.server(), c.config(), c.namespaces(), true, "team-b"));
    }

    @Test
    void secretNamesAreValidObjectNames() {
        assertThat(ClusterSecret.secretNameFor("Prod_EU west")).isEqualTo("cluster-prod-eu-west");
        assertThat(ClusterSecret.secretNameFor("--")).isEqualTo("cluster-unnamed");
    }

    @Test
    void toStringHidesTheCredentials() {
        ClusterConfig c = new ClusterConfig("tok-123", "u", "pw-456", new TlsClientConfig(false, "", CA, CA, KEY), "");
        assertThat(c.toString()).doesNotContain("tok-123").doesNotContain("pw-456").doesNotContain(KEY);
    }

    @Test
    void refusesWhatIsNotAClusterSecret() {
        ObjectNode wrongKind = secret("server: https://x\n");
        wrongKind.put("kind", "ConfigMap");
        assertThatThrownBy(() -> ClusterSecret.parse(wrongKind)).hasMessage("cluster Secret argocd/prod-secret: is a ConfigMap, not a Secret");
        ObjectNode repo = secret("server: https://x\n");
        ((ObjectNode) repo.path("metadata").path("labels")).put("argocd.argoproj.io/secret-type", "repository");
        assertThatThrownBy(() -> ClusterSecret.parse(repo)).isInstanceOf(ClusterSecretException.class)
                .hasMessageContaining("argocd/prod-secret").hasMessageContaining("is \"repository\"");
    }

    @Test
    void namesTheSecretAndKeyOfEveryMistake() {
        assertError("name: prod\n", "key \"server\" is missing: give the cluster's API server URL");
        assertError("server: prod.example.com\n", "key \"server\" is \"prod.example.com\", not an http(s) URL");
        assertError("server: https://x\nconfig: '{\"bearerToken\": '\n", "key \"config\" is not valid JSON (line 1");
        assertError("server: https://x\nconfig: '[1]'\n", "key \"config\" must be a JSON object");
        assertError("server: https://x\nconfig: '{\"bearerToken\": 7}'\n", "key \"config\": bearerToken must be a string, not number");
        assertError("server: https://x\nconfig: '{\"username\": \"admin\"}'\n", "has username without password");
        assertError("server: https://x\nconfig: '{\"tlsClientConfig\": true}'\n", "tlsClientConfig must be an object");
        assertError("server: https://x\nconfig: '{\"tlsClientConfig\": {\"insecure\": \"yes\"}}'\n",
                "tlsClientConfig.insecure must be true or false, not \"yes\"");
        assertError("server: https://x\nconfig: '{\"tlsClientConfig\": {\"caData\": \"***\"}}'\n",
                "tlsClientConfig.caData is not base64");
        assertError("server: https://x\nconfig: '{\"tlsClientConfig\": {\"caData\": \"" + b64("just text") + "\"}}'\n",
                "tlsClientConfig.caData is base64 but not of PEM text");
        assertError("server: https://x\nconfig: '{\"tlsClientConfig\": {\"certData\": \"" + CA + "\"}}'\n",
                "certData without keyData: a client certificate needs both");
        assertError("server: https://x\nconfig: '{\"proxyUrl\": \"proxy:3128\"}'\n", "proxyUrl is \"proxy:3128\", not an http(s) URL");
    }

    @Test
    void refusesExecAndAwsAuthSayingWhatToDoInstead() {
        assertError("server: https://x\nconfig: '{\"execProviderConfig\": {\"command\": \"argocd-k8s-auth\"}}'\n",
                "uses execProviderConfig (command \"argocd-k8s-auth\"), which Fairway does not support yet: give the cluster a "
                        + "ServiceAccount token");
        assertError("server: https://x\nconfig: '{\"awsAuthConfig\": {\"clusterName\": \"prod-eks\"}}'\n",
                "uses awsAuthConfig (EKS cluster \"prod-eks\"), which Fairway does not support yet: create a ServiceAccount");
    }

    @Test
    void refusesDataThatIsNotBase64() {
        ObjectNode s = secret("server: https://x\n");
        s.putObject("data").put("config", "{not base64}");
        assertThatThrownBy(() -> ClusterSecret.parse(s))
                .hasMessageStartingWith("cluster Secret argocd/prod-secret: data key \"config\" is not base64");
    }

    private static void assertError(String stringData, String message) {
        assertThatThrownBy(() -> ClusterSecret.parse(secret(stringData))).isInstanceOf(ClusterSecretException.class)
                .hasMessageStartingWith("cluster Secret argocd/prod-secret: key").hasMessageContaining(message);
    }
}
