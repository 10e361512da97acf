package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairway app ...} against a running API server on a sandbox holding Argo CD Applications. */
class AppCommandIT {

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static ApiServer api;
    static String token;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("cli", dir, 0, null, false));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build();
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(30));
        token = ApiTokens.loadOrCreate(client, "argocd").value();
        for (String[] a : new String[][] {{"guestbook", "Synced", "Healthy"}, {"idp", "OutOfSync", "Degraded"}}) {
            String json = """
                    {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"%s","namespace":"argocd"},
                     "spec":{"project":"default","source":{"repoURL":"https://example.com/r.git","path":"apps/%1$s","targetRevision":"main"},
                       "destination":{"server":"https://kubernetes.default.svc","namespace":"%1$s"}}}
                    """.formatted(a[0]);
            GenericKubernetesResource created = client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
            created.setAdditionalProperty("status", Json.MAPPER.readValue(
                    "{\"sync\":{\"status\":\"" + a[1] + "\"},\"health\":{\"status\":\"" + a[2] + "\"},"
                            + "\"history\":[{\"id\":1,\"revision\":\"0123abc\",\"deployedAt\":\"2026-11-30T12:00:00Z\"}]}", Object.class));
            client.resource(created).update();
        }
        api = ApiServer.start(client, new ApiServer.Config("127.0.0.1", 0, "argocd"), token);
    }

    @AfterAll
    static void stop() {
        api.close();
        client.close();
        sandbox.close();
    }

    static Run fairway(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 4];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--server";
            all[args.length + 1] = api.url();
            all[args.length + 2] = "--token";
            all[args.length + 3] = token;
            int code = Main.run(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listPrintsATableAndFilters() {
        Run r = fairway("app", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("SYNC").contains("HEALTH");
        assertThat(r.out()).containsPattern("guestbook\\s+guestbook\\s+default\\s+Synced\\s+Healthy");
        assertThat(r.out()).containsPattern("idp\\s+idp\\s+default\\s+OutOfSync\\s+Degraded");
        Run degraded = fairway("app", "list", "--health", "Degraded");
        assertThat(degraded.out()).contains("idp").doesNotContain("guestbook");
        Run json = fairway("app", "list", "-o", "json");
        assertThat(json.out()).startsWith("[").contains("\"name\":\"guestbook\"");
    }

    @Test
    void getAndHistoryShowTheApp() {
        Run get = fairway("app", "get", "idp");
        assertThat(get.code()).isZero();
        assertThat(get.out()).contains("Sync Status:    OutOfSync").contains("Health Status:  Degraded").contains("Path:           apps/idp");
        Run history = fairway("app", "history", "guestbook");
        assertThat(history.out()).containsPattern("1\\s+2026-11-30T12:00:00Z\\s+0123abc");
    }

    @Test
    void errorsAreClearWithScriptableExitCodes() {
        Run missing = fairway("app", "get", "nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("application \"nope\" not found");
        Run unreachable = new Run(Main.run("app", "list", "--server", "http://127.0.0.1:1", "--token", "x"), "", "");
        assertThat(unreachable.code()).isEqualTo(2);
    }

    @Test
    void syncStartsAnOperationAndRefreshAsksForAComparison() throws Exception {
        Run sync = fairway("app", "sync", "guestbook", "--async", "--prune");
        assertThat(sync.code()).isZero();
        GenericKubernetesResource app = client.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace("argocd").withName("guestbook").get();
        assertThat(Json.MAPPER.valueToTree(app).path("operation").path("sync").path("prune").asBoolean()).isTrue();
        Run refresh = fairway("app", "refresh", "idp", "--hard");
        assertThat(refresh.out()).contains("idp: refresh requested (hard)");
    }

    @Test
    void rollbackWritesTheHistoryEntrysRevisionAndTerminateNeedsARunningOperation() throws Exception {
        Run nothingEarlier = fairway("app", "rollback", "idp");
        assertThat(nothingEarlier.code()).isEqualTo(1);
        assertThat(nothingEarlier.err()).contains("nothing earlier to roll back to");
        Run unknown = fairway("app", "rollback", "idp", "7");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no history entry 7");
        Run rollback = fairway("app", "rollback", "idp", "1");
        assertThat(rollback.code()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("rolling back to history entry 1 (revision 0123abc)");
        GenericKubernetesResource app = client.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace("argocd").withName("idp").get();
        assertThat(Json.MAPPER.valueToTree(app).path("operation").path("sync").path("revision").asText()).isEqualTo("0123abc");

        Run terminate = fairway("app", "terminate-op", "guestbook");
        assertThat(terminate.code()).isEqualTo(1);
        assertThat(terminate.err()).contains("has no operation in progress");
    }
}
