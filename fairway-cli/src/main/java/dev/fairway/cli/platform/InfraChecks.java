package dev.fairway.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The infrastructure tests of {@code fairway test NAME}, in the spirit of the seed's {@code ./test}:
 * every application of the root's tree Synced and Healthy, the root's children all present, no
 * project violations, every Deployment's pods Ready, the system namespaces present, the API and
 * the UI answering. Each check is one JUnit test case.
 */
public final class InfraChecks {

    /** Namespaces every Fairway cluster has. */
    public static final List<String> SYSTEM_NAMESPACES = List.of("kube-system", "default", "argocd", "fairway-system");

    private final KubernetesClient client;
    private final String namespace;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public InfraChecks(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * Runs every check.
     *
     * @param apiUrl the Fairway server's URL, or null when no local server is recorded
     * @param token its API token
     */
    public List<CheckResult> run(String root, String apiUrl, String token) {
        List<CheckResult> results = new ArrayList<>();
        if (apiUrl != null) {
            results.add(timed("server", "API answers", () -> httpCheck(apiUrl + "/api/v1/applications", token, 200)));
            results.add(timed("server", "UI answers", () -> httpCheck(apiUrl + "/", null, 200)));
        }
        Set<String> namespaces = new LinkedHashSet<>();
        client.namespaces().list().getItems().forEach(n -> namespaces.add(n.getMetadata().getName()));
        for (String ns : SYSTEM_NAMESPACES) {
            results.add(CheckResult.of("namespaces", "namespace " + ns + " exists",
                    namespaces.contains(ns) ? null : "namespace " + ns + " does not exist"));
        }
        results.addAll(applications(root));
        for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            String name = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
            int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            var st = d.getStatus();
            int ready = st == null || st.getReadyReplicas() == null ? 0 : st.getReadyReplicas();
            int updated = st == null || st.getUpdatedReplicas() == null ? 0 : st.getUpdatedReplicas();
            results.add(CheckResult.of("workloads", "Deployment " + name + " pods Ready",
                    ready >= want && updated >= want ? null : "Deployment " + name + ": " + ready + " of " + want
                            + " pods Ready, " + updated + " updated; see 'kubectl -n " + d.getMetadata().getNamespace()
                            + " describe deployment " + d.getMetadata().getName() + "'"));
        }
        return results;
    }

    private List<CheckResult> applications(String root) {
        List<CheckResult> results = new ArrayList<>();
        Map<String, JsonNode> apps = new HashMap<>();
        for (GenericKubernetesResource r : client.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace(namespace).list().getItems()) {
            apps.put(r.getMetadata().getName(), Json.MAPPER.valueToTree(r));
        }
        if (!apps.containsKey(root)) {
            results.add(CheckResult.fail("applications", "root application exists",
                    "application " + namespace + "/" + root + " does not exist: run 'fairway setup' for this cluster"));
            return results;
        }
        List<String> order = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (order.contains(name)) {
                continue;
            }
            if (!apps.containsKey(name)) {
                missing.add(name);
                continue;
            }
            order.add(name);
            queue.addAll(AppState.of(apps.get(name)).children());
        }
        results.add(CheckResult.of("applications", "children of " + root + " all present",
                missing.isEmpty() ? null : "missing applications: " + String.join(", ", missing)));
        List<String> violations = new ArrayList<>();
        for (String name : order) {
            AppState s = AppState.of(apps.get(name));
            String why = s.syncedAndHealthy() && s.errors().isEmpty() ? null
                    : name + " is " + s.sync() + "/" + s.health() + (s.healthMessage().isEmpty() ? "" : " (" + s.healthMessage() + ")")
                            + (s.errors().isEmpty() ? "" : "\n" + String.join("\n", s.errors()));
            results.add(CheckResult.of("applications", "application " + name + " Synced and Healthy", why));
            for (JsonNode c : apps.get(name).path("status").path("conditions")) {
                String message = c.path("message").asText();
                if ("InvalidSpecError".equals(c.path("type").asText()) || message.contains("not permitted in project")) {
                    violations.add(name + ": " + message);
                }
            }
            for (JsonNode r : apps.get(name).path("status").path("resources")) {
                String message = r.path("health").path("message").asText("") + r.path("syncError").asText("");
                if (message.contains("not permitted")) {
                    violations.add(name + ": " + r.path("kind").asText() + "/" + r.path("name").asText() + ": " + message);
                }
            }
        }
        results.add(CheckResult.of("projects", "no project violations", violations.isEmpty() ? null : String.join("\n", violations)));
        return results;
    }

    private String httpCheck(String url, String token, int expected) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<Void> r = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
            boolean loginRedirect = token == null && (r.statusCode() == 302 || r.statusCode() == 303)
                    && r.headers().firstValue("Location").orElse("").contains("login");
            return r.statusCode() == expected || loginRedirect ? null : "GET " + url + " answered HTTP " + r.statusCode();
        } catch (IOException e) {
            return "GET " + url + " failed: " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())
                    + "; is the server running? 'fairway status' says";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static CheckResult timed(String group, String name, Supplier<String> check) {
        Instant start = Instant.now();
        String failure = check.get();
        return new CheckResult(group, name, Duration.between(start, Instant.now()), failure);
    }
}
