package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.clusters.ClusterRegistry;
import dev.fairway.gitops.clusters.ClusterSecret;
import dev.fairway.gitops.clusters.RegisteredCluster;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fairway cluster add|list|rm} against two sandboxes: the hub (A) and the cluster it registers (B). */
class ClusterCommandIT {

    record Run(int code, String out, String err) {}

    @TempDir
    Path dir;

    private Sandbox hub;
    private Sandbox spoke;
    private KubernetesClient hubClient;

    @BeforeEach
    void start() throws Exception {
        hub = Sandbox.start(new Sandbox.Config("hub", dir.resolve("hub"), 0, null, false));
        spoke = Sandbox.start(new Sandbox.Config("spoke", dir.resolve("spoke"), 0, null, false));
        hubClient = Deployer.client(hub.kubeconfig(), null);
        hubClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        hubClient.close();
        hub.close();
        spoke.close();
    }

    /** Runs {@code fairway cluster ARGS} in-process against the hub, as Main would. */
    private Run cluster(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--hub-kubeconfig", hub.kubeconfig().toString()));
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new ClusterCommand()).execute(all.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static String decode(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void addWritesASecretInArgoCdsFormatThatTheEngineConnectsWith() throws Exception {
        Run add = cluster("add", "spoke", "--kubeconfig", spoke.kubeconfig().toString(), "--namespace-scope", "apps, web");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("cluster spoke (" + spoke.url() + ", context fairway-spoke) registered")
                .contains("Secret argocd/cluster-spoke");

        Secret secret = hubClient.secrets().inNamespace("argocd").withName("cluster-spoke").get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("argocd.argoproj.io/secret-type", "cluster");
        assertThat(secret.getData()).containsOnlyKeys("name", "server", "config", "namespaces");
        assertThat(decode(secret, "name")).isEqualTo("spoke");
        assertThat(decode(secret, "server")).isEqualTo(spoke.url());
        assertThat(decode(secret, "namespaces")).isEqualTo("apps,web");
        JsonNode config = Json.MAPPER.readTree(decode(secret, "config"));
        assertThat(config.path("bearerToken").asText()).isEqualTo(spoke.token());
        assertThat(config.path("tlsClientConfig").path("insecure").asBoolean(true)).isFalse();
        assertThat(config.path("tlsClientConfig").path("caData").asText()).isEqualTo(spoke.caData());

        // The engine's registry reads it and reaches the spoke with it.
        try (ClusterRegistry registry = ClusterRegistry.start(hubClient, "argocd")) {
            RegisteredCluster c = registry.destination(new Destination("", "spoke", "apps"));
            assertThat(c.namespaces()).containsExactly("apps", "web");
            c.client().get().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build()).create();
            try (KubernetesClient direct = Deployer.client(spoke.kubeconfig(), null)) {
                assertThat(direct.namespaces().withName("apps").get()).isNotNull();
            }
        }

        Run again = cluster("add", "spoke", "--kubeconfig", spoke.kubeconfig().toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("a cluster named \"spoke\" is registered already").contains("--upsert");
        Run other = cluster("add", "other-name", "--kubeconfig", spoke.kubeconfig().toString());
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("server " + spoke.url() + " is registered already as \"spoke\"");
        Run upsert = cluster("add", "spoke", "--kubeconfig", spoke.kubeconfig().toString(), "--upsert", "--project", "team-b", "-o", "json");
        assertThat(upsert.code()).as(upsert.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(upsert.out());
        assertThat(json.path("project").asText()).isEqualTo("team-b");
        assertThat(json.path("namespaces")).isEmpty();
        assertThat(upsert.out()).as("JSON output never shows credentials").doesNotContain(spoke.token());
        Secret replaced = hubClient.secrets().inNamespace("argocd").withName("cluster-spoke").get();
        assertThat(replaced.getData()).containsOnlyKeys("name", "server", "config", "project");
    }

    @Test
    void listShowsTheEngineClusterTheRegisteredOnesAndBrokenSecrets() throws Exception {
        assertThat(cluster("add", "spoke", "--kubeconfig", spoke.kubeconfig().toString()).code()).isZero();
        hubClient.resource(Json.MAPPER.convertValue(new ClusterSecret("", "broken", "https://broken.example.com", null, List.of(), false, "")
                .toSecret("argocd", "cluster-broken"), Secret.class)).create();
        hubClient.secrets().inNamespace("argocd").withName("cluster-broken")
                .edit(s -> {
                    s.getData().put("config", Base64.getEncoder().encodeToString("{\"execProviderConfig\":{\"command\":\"x\"}}".getBytes()));
                    return s;
                });

        Run list = cluster("list");
        assertThat(list.code()).as("a broken Secret makes list fail").isEqualTo(1);
        List<String> lines = list.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("SERVER").contains("NAMESPACES");
        assertThat(lines).anyMatch(l -> l.startsWith("in-cluster") && l.contains("https://kubernetes.default.svc") && l.contains("(built in)"));
        assertThat(lines).anyMatch(l -> l.startsWith("spoke") && l.contains(spoke.url()) && l.contains("(all)")
                && l.contains("cluster-spoke"));
        assertThat(lines).anyMatch(l -> l.contains("cluster-broken") && l.contains("Invalid: cluster Secret argocd/cluster-broken: key "
                + "\"config\" uses execProviderConfig"));

        Run json = cluster("list", "-o", "json");
        JsonNode all = Json.MAPPER.readTree(json.out());
        assertThat(all).hasSize(3);
        assertThat(all.get(0).path("name").asText()).isEqualTo("in-cluster");
        assertThat(all.get(2).path("server").asText()).isEqualTo(spoke.url());
        assertThat(json.out()).doesNotContain(spoke.token());
    }

    @Test
    void rmDeletesTheSecretAndNamesWhatItCannotRemove() throws Exception {
        assertThat(cluster("add", "spoke", "--kubeconfig", spoke.kubeconfig().toString()).code()).isZero();
        Run rm = cluster("rm", "spoke");
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(rm.out()).contains("cluster spoke (" + spoke.url() + ") removed: deleted Secret argocd/cluster-spoke");
        assertThat(hubClient.secrets().inNamespace("argocd").withName("cluster-spoke").get()).as("a Secret has no finalizers").isNull();

        Run again = cluster("rm", "spoke");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no cluster \"spoke\" is registered in the cluster of " + hub.kubeconfig())
                .contains("fairway cluster list");
        Run local = cluster("rm", "in-cluster");
        assertThat(local.code()).isEqualTo(1);
        assertThat(local.err()).contains("is the cluster the engine runs in; it has no Secret to remove");
    }

    @Test
    void addRefusesInputItCannotStoreWithExitCode2() throws Exception {
        Path exec = dir.resolve("exec-kubeconfig");
        Files.writeString(exec, Files.readString(spoke.kubeconfig()).replaceFirst("token: \\S+", """
                exec:
                      command: aws
                      args: [eks, get-token]"""));
        Run refused = cluster("add", "eks", "--kubeconfig", exec.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("error: kubeconfig " + exec + ": user \"fairway-spoke-admin\" gets its credentials from "
                + "the command \"aws\"");
        Run missing = cluster("add", "x", "--kubeconfig", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read --kubeconfig " + dir.resolve("nope"));
        Run badServer = cluster("add", "x", "--kubeconfig", spoke.kubeconfig().toString(), "--server", "spoke:6443");
        assertThat(badServer.code()).isEqualTo(2);
        assertThat(badServer.err()).contains("--server is \"spoke:6443\", not an http(s) URL");
        Run local = cluster("add", "in-cluster", "--kubeconfig", spoke.kubeconfig().toString());
        assertThat(local.code()).isEqualTo(2);
        assertThat(hubClient.secrets().inNamespace("argocd").list().getItems()).isEmpty();
    }
}
