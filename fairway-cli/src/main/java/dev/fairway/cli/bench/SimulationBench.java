package dev.fairway.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Many nodes and Deployments converging to Available in a sandbox process: the time until every
 * Deployment reports all replicas available, the sandbox's CPU seconds and its peak memory.
 */
public final class SimulationBench {

    /** What to run. */
    public record Options(int nodes, int deployments, int replicas, Duration timeout, Path workDir) {}

    private final Options options;
    private final PrintStream out;

    public SimulationBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        out.printf("machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (SandboxProcess sandbox = SandboxProcess.start(options.workDir().resolve("data"), 0, Duration.ofMinutes(2),
                "--nodes", Integer.toString(options.nodes()))) {
            ApiClient api = new ApiClient(sandbox.kubeconfig);
            api.send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"sim\"}}");
            waitForNodes(api);
            double cpuBefore = sandbox.cpuSeconds();
            long t0 = System.nanoTime();
            create(api);
            double created = (System.nanoTime() - t0) / 1e9;
            out.printf("  (created %,d Deployments in %.1f s)%n", options.deployments(), created);
            long deadline = System.nanoTime() + options.timeout().toNanos();
            int available = 0;
            int lastReported = -1;
            while (System.nanoTime() < deadline) {
                available = availableDeployments(api);
                if (available != lastReported && (available - lastReported >= options.deployments() / 10 || available == options.deployments())) {
                    out.printf("  (%.0f s: %,d of %,d Deployments available)%n", (System.nanoTime() - t0) / 1e9, available, options.deployments());
                    lastReported = available;
                }
                if (available == options.deployments()) {
                    break;
                }
                Thread.sleep(2000);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            String verdict = available == options.deployments() ? "converged" : "NOT converged (" + available + " available)";
            out.printf("simulation: %,d nodes, %,d Deployments x %d replicas (%,d pods): %s in %.0f s from the first create; "
                            + "sandbox CPU %.0f s; peak memory %,d MiB%n",
                    options.nodes(), options.deployments(), options.replicas(), options.deployments() * options.replicas(),
                    verdict, secs, sandbox.cpuSeconds() - cpuBefore, sandbox.peakRssMiB());
        }
    }

    private void waitForNodes(ApiClient api) throws Exception {
        for (int i = 0; i < 300; i++) {
            HttpResponse<byte[]> r = api.get("/api/v1/nodes?limit=1");
            JsonNode list = Json.MAPPER.readTree(r.body());
            long n = list.path("items").size() + list.path("metadata").path("remainingItemCount").asLong(0);
            if (n >= options.nodes()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the sandbox did not register " + options.nodes() + " nodes");
    }

    private void create(ApiClient api) throws Exception {
        Load.createAll(api, "/apis/apps/v1/namespaces/sim/deployments", options.deployments(), i -> deployment("app-" + i), "Deployments");
    }

    private int availableDeployments(ApiClient api) throws Exception {
        int available = 0;
        String cont = null;
        do {
            String path = "/apis/apps/v1/namespaces/sim/deployments?limit=2000"
                    + (cont == null ? "" : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8));
            JsonNode list = Json.MAPPER.readTree(api.get(path).body());
            for (JsonNode d : list.path("items")) {
                if (d.path("status").path("availableReplicas").asInt() == options.replicas()
                        && d.path("status").path("updatedReplicas").asInt() == options.replicas()) {
                    available++;
                }
            }
            cont = list.path("metadata").path("continue").asText(null);
        } while (cont != null && !cont.isEmpty());
        return available;
    }

    private String deployment(String name) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.27","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
                """.formatted(name, options.replicas());
    }
}
