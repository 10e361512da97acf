package dev.fairway.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Latency from a git push (commit, then the provider's webhook POST) to the change being live in
 * the cluster, for an auto-synced application, over many pushes.
 */
public final class WebhookBench {

    /** What to run. */
    public record Options(int pushes, Path workDir) {}

    private final Options options;
    private final PrintStream out;

    public WebhookBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path repo = options.workDir().resolve("repo");
        Path dir = Files.createDirectories(repo.resolve("apps/hook"));
        write(dir, "0");
        GitRepo git = GitRepo.init(repo);
        git.commitAll("first");
        Path home = options.workDir().resolve("home");
        // a long resync, so that only the webhook can explain a fast update
        try (SandboxProcess server = SandboxProcess.launch(List.of("server", "--sandbox", "hook", "--port", "0", "--resync", "3600s",
                        "--rewrite", "https://github.com/fairway-dev/bench.git=" + repo),
                options.workDir().resolve("server.log"), Map.of("FAIRWAY_HOME", home.toString()), Duration.ofMinutes(2))) {
            ApiClient kube = new ApiClient(server.kubeconfig);
            int code = kube.send("POST", "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications", """
                    {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"hook","namespace":"argocd"},
                     "spec":{"project":"default","source":{"repoURL":"https://github.com/fairway-dev/bench.git","path":"apps/hook","targetRevision":"main"},
                      "destination":{"server":"https://kubernetes.default.svc","namespace":"hook"},
                      "syncPolicy":{"automated":{"prune":true},"syncOptions":["CreateNamespace=true"]}}}
                    """);
            if (code >= 300) {
                throw new IOException("the Application was refused: HTTP " + code);
            }
            waitFor(kube, "0", Duration.ofMinutes(2));
            HttpClient http = HttpClient.newHttpClient();
            List<Double> latencies = new ArrayList<>();
            for (int i = 1; i <= options.pushes(); i++) {
                String value = Integer.toString(i);
                long t0 = System.nanoTime();
                write(dir, value);
                git.commitAll("change " + value);
                String payload = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"https://github.com/fairway-dev/bench.git\","
                        + "\"default_branch\":\"main\"}}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url + "/api/webhook"))
                        .header("X-GitHub-Event", "push").POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("the webhook was refused: " + r.statusCode() + " " + r.body());
                }
                waitFor(kube, value, Duration.ofMinutes(1));
                latencies.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(latencies);
            out.printf("webhook push -> change live in the cluster, %d pushes (commit, POST /api/webhook, fetch, render, diff, apply): "
                            + "p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", options.pushes(), latencies.get(latencies.size() / 2),
                    latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1)),
                    latencies.get(latencies.size() - 1));
        }
    }

    private static void waitFor(ApiClient kube, String value, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> r = kube.get("/api/v1/namespaces/hook/configmaps/hook");
            if (r.statusCode() == 200) {
                JsonNode cm = Json.MAPPER.readTree(r.body());
                if (value.equals(cm.path("data").path("value").asText())) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new IOException("the change to value " + value + " did not reach the cluster within " + timeout.toSeconds() + " s");
    }

    private static void write(Path dir, String value) throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hook\ndata:\n  value: \"" + value + "\"\n");
    }


}
