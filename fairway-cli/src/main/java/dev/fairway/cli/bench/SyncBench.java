package dev.fairway.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One application of many objects synced by the engine, side by side with the same manifests
 * applied by the real kubectl (client-side and server-side) to the same sandbox, each into its
 * own namespace: wall-clock time from start until every object is in the cluster.
 */
public final class SyncBench {

    /** What to run. */
    public record Options(int objects, Path workDir) {}

    private final Options options;
    private final PrintStream out;

    public SyncBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path repo = options.workDir().resolve("repo");
        Path manifests = repo.resolve("apps/many");
        Files.createDirectories(manifests);
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < options.objects(); i++) {
            yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i)
                    .append("\n  labels: {app: many}\ndata:\n  key: \"").append(i).append("\"\n  other: some text of a typical length\n---\n");
        }
        Files.writeString(manifests.resolve("configmaps.yaml"), yaml);
        GitRepo.init(repo).commitAll("many");

        Path home = options.workDir().resolve("home");
        SandboxProcess server = SandboxProcess.launch(List.of("server", "--sandbox", "bench", "--port", "0",
                        "--rewrite", "https://example.com/bench.git=" + repo),
                options.workDir().resolve("server.log"), java.util.Map.of("FAIRWAY_HOME", home.toString()), java.time.Duration.ofMinutes(2));
        try {
            String api = server.url;
            Path kubeconfig = server.kubeconfig;
            JsonNode info = Json.MAPPER.readTree(Files.readAllBytes(home.resolve("clusters/bench/server.json")));
            String token = info.path("token").asText();
            Path kubeHome = Files.createDirectories(options.workDir().resolve("kubectl-home"));

            kubectl(kubeconfig, kubeHome, "create", "namespace", "csa");
            kubectl(kubeconfig, kubeHome, "create", "namespace", "ssa");
            long t0 = System.nanoTime();
            kubectl(kubeconfig, kubeHome, "apply", "-n", "csa", "-f", manifests.toString());
            double csa = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            kubectl(kubeconfig, kubeHome, "apply", "--server-side", "-n", "ssa", "-f", manifests.toString());
            double ssa = (System.nanoTime() - t0) / 1e9;

            Path app = options.workDir().resolve("app.yaml");
            Files.writeString(app, """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: many, namespace: argocd}
                    spec:
                      project: default
                      source: {repoURL: "https://example.com/bench.git", path: apps/many, targetRevision: main}
                      destination: {server: "https://kubernetes.default.svc", namespace: engine}
                      syncPolicy:
                        automated: {prune: true}
                        syncOptions: [CreateNamespace=true]
                    """);
            t0 = System.nanoTime();
            kubectl(kubeconfig, kubeHome, "apply", "-f", app.toString());
            HttpClient http = HttpClient.newHttpClient();
            double engine = -1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/applications/many"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode a = Json.parse(r.body());
                JsonNode st = a.path("status");
                if ("Synced".equals(st.path("sync").path("status").asText()) && st.path("resources").size() == options.objects()
                        && "Succeeded".equals(st.path("operationState").path("phase").asText())) {
                    engine = (System.nanoTime() - t0) / 1e9;
                    break;
                }
                Thread.sleep(100);
            }
            out.printf("%,d ConfigMaps into an empty namespace of one sandbox:%n", options.objects());
            out.printf("  kubectl apply -f (client-side):      %.2f s%n", csa);
            out.printf("  kubectl apply --server-side -f:      %.2f s%n", ssa);
            if (engine < 0) {
                out.println("  fairway engine (Application, auto-sync): did not finish within 10 minutes");
            } else {
                out.printf("  fairway engine (Application created -> Synced, git fetch and render included): %.2f s%n", engine);
                out.printf("  ratio: engine is %.1fx kubectl client-side, %.1fx kubectl server-side (below 1 = faster)%n",
                        engine / csa, engine / ssa);
            }
        } finally {
            server.close();
        }
    }

    private static void kubectl(Path kubeconfig, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("kubectl is not installed: the sync benchmark compares with it; install kubectl 1.31+ on the PATH", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("kubectl " + String.join(" ", args) + " failed: " + output.lines().limit(5).toList());
        }
    }


}
