package dev.fairway.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Many applications of one ConfigMap each from one repository (the shape of Argo CD's public
 * scalability tests): time until all are Synced, the server's CPU and peak memory, and the CPU a
 * full no-op resync of all of them costs.
 */
public final class AppsBench {

    /** What to run. */
    public record Options(int apps, Duration resync, Duration timeout, Path workDir) {}

    private final Options options;
    private final PrintStream out;

    public AppsBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path repo = options.workDir().resolve("repo");
        for (int i = 0; i < options.apps(); i++) {
            Path dir = Files.createDirectories(repo.resolve("apps/app-" + i));
            Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-" + i
                    + "\ndata:\n  key: \"" + i + "\"\n");
        }
        GitRepo.init(repo).commitAll("apps");
        Path home = options.workDir().resolve("home");
        try (SandboxProcess server = SandboxProcess.launch(List.of("server", "--sandbox", "apps", "--port", "0",
                        "--resync", options.resync().toSeconds() + "s", "--rewrite", "https://example.com/apps.git=" + repo),
                options.workDir().resolve("server.log"), Map.of("FAIRWAY_HOME", home.toString()), Duration.ofMinutes(2))) {
            ApiClient kube = new ApiClient(server.kubeconfig);
            String token = Json.MAPPER.readTree(Files.readAllBytes(home.resolve("clusters/apps/server.json"))).path("token").asText();
            kube.send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"apps-bench\"}}");
            double cpu0 = server.cpuSeconds();
            long t0 = System.nanoTime();
            create(kube);
            out.printf("  (created %,d Applications in %.1f s)%n", options.apps(), (System.nanoTime() - t0) / 1e9);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + options.timeout().toNanos();
            int synced = 0;
            int reported = -1;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url + "/api/v1/applications?limit=1"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode counts = Json.parse(r.body()).path("counts");
                synced = counts.path("sync").path("Synced").asInt();
                if (synced - reported >= options.apps() / 10 || synced == options.apps()) {
                    out.printf("  (%.0f s: %,d of %,d Synced)%n", (System.nanoTime() - t0) / 1e9, synced, options.apps());
                    reported = synced;
                }
                if (synced == options.apps()) {
                    break;
                }
                Thread.sleep(2000);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = server.cpuSeconds() - cpu0;
            out.printf("%,d apps of one ConfigMap from one repository: %s in %.0f s; server CPU %.0f s; peak memory %,d MiB%n",
                    options.apps(), synced == options.apps() ? "all Synced" : "NOT all Synced (" + synced + ")", secs, cpu,
                    server.peakRssMiB());
            if (synced == options.apps()) {
                double idle0 = server.cpuSeconds();
                long w0 = System.nanoTime();
                Thread.sleep(options.resync().toMillis() * 2);
                double window = (System.nanoTime() - w0) / 1e9;
                double perResync = (server.cpuSeconds() - idle0) / (window / options.resync().toSeconds());
                out.printf("no-op resync of all %,d apps (every %d s, nothing changed): %.1f CPU s per resync, measured over %.0f s%n",
                        options.apps(), options.resync().toSeconds(), perResync, window);
            }
        }
    }

    private void create(ApiClient kube) throws Exception {
        Load.createAll(kube, "/apis/argoproj.io/v1alpha1/namespaces/argocd/applications", options.apps(), i -> """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"app-%d","namespace":"argocd"},
                 "spec":{"project":"default","source":{"repoURL":"https://example.com/apps.git","path":"apps/app-%d","targetRevision":"main"},
                  "destination":{"server":"https://kubernetes.default.svc","namespace":"apps-bench"},
                  "syncPolicy":{"automated":{"prune":true}}}}
                """.formatted(i, i), "Applications");
    }

}
