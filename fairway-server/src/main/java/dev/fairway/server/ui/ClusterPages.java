package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.server.Applications;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projects page (each AppProject's repositories, destinations, allowed kinds, its apps and
 * their violations) and the cluster page (nodes: allocatable against requested CPU and memory,
 * pods; namespaces), both read from the cluster when asked.
 */
final class ClusterPages {

    private final WebUi.Services services;
    private final AppIndex index;

    ClusterPages(WebUi.Services services, AppIndex index) {
        this.services = services;
        this.index = index;
    }

    String projects(Http http) {
        Html h = new Html();
        h.el("h1", "Projects");
        List<GenericKubernetesResource> projects;
        try {
            projects = services.client().genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
                    .inNamespace(services.namespace()).list().getItems();
        } catch (KubernetesClientException e) {
            h.el("p", "The cluster did not answer the AppProject query: " + e.getMessage(), "class", "error", "role", "alert");
            return Layout.page("Projects", "Projects", http.session(), h.toString());
        }
        List<String> known = new ArrayList<>();
        for (GenericKubernetesResource r : projects) {
            ObjectNode p = Json.MAPPER.valueToTree(r);
            String name = p.path("metadata").path("name").asText();
            known.add(name);
            JsonNode spec = p.path("spec");
            h.open("section", "id", "project-" + name, "aria-labelledby", "project-title-" + name, "class", "project")
                    .el("h2", name, "id", "project-title-" + name);
            if (!spec.path("description").asText("").isEmpty()) {
                h.el("p", spec.path("description").asText());
            }
            h.open("dl", "class", "summary");
            h.el("dt", "Source repositories").el("dd", join(spec.path("sourceRepos"), n -> n.asText()));
            h.el("dt", "Destinations").el("dd", join(spec.path("destinations"), d -> d.path("server").asText(d.path("name").asText("*"))
                    + " namespace " + d.path("namespace").asText("*")));
            h.el("dt", "Cluster kinds allowed").el("dd", kinds(spec.path("clusterResourceWhitelist"), "none"));
            h.el("dt", "Namespaced kinds allowed").el("dd", kinds(spec.path("namespaceResourceWhitelist"), "all")
                    + (spec.path("namespaceResourceBlacklist").isEmpty() ? "" : "; denied: " + kinds(spec.path("namespaceResourceBlacklist"), "")));
            if (!spec.path("roles").isEmpty()) {
                JsonNode issued = p.path("status").path("jwtTokensByRole");
                h.el("dt", "Roles").el("dd", join(spec.path("roles"), role -> {
                    int tokens = issued.path(role.path("name").asText()).path("items").size() + role.path("jwtTokens").size();
                    return role.path("name").asText() + " (" + role.path("policies").size() + " policies, " + tokens + " tokens)";
                }));
            }
            h.close("dl");
            apps(h, name);
            h.close("section");
        }
        List<AppSummary> orphans = index.list(a -> !known.contains(a.project()));
        if (!orphans.isEmpty()) {
            h.open("section", "aria-labelledby", "orphans").el("h2", "Applications of unknown projects", "id", "orphans");
            h.el("p", "These name a project that does not exist, so the engine refuses to sync them: create the AppProject or fix spec.project.",
                    "class", "error", "role", "alert");
            h.open("ul");
            for (AppSummary a : orphans) {
                h.open("li").open("a", "href", Urls.app(a.namespace(), a.name())).text(a.name()).close("a").text(" (project " + a.project() + ")")
                        .close("li");
            }
            h.close("ul").close("section");
        }
        if (projects.isEmpty() && orphans.isEmpty()) {
            h.el("p", "No projects yet.", "class", "empty");
        }
        return Layout.page("Projects", "Projects", http.session(), h.toString());
    }

    private void apps(Html h, String project) {
        List<ObjectNode> apps = services.apps().list(new Applications.Filter(project, null, null, null, null, null));
        h.el("h3", "Applications (" + apps.size() + ")");
        if (apps.isEmpty()) {
            return;
        }
        h.open("ul", "class", "project-apps");
        for (ObjectNode a : apps) {
            JsonNode meta = a.path("metadata");
            h.open("li").open("a", "href", Urls.app(meta.path("namespace").asText(), meta.path("name").asText())).text(meta.path("name").asText())
                    .close("a").text(" ");
            Layout.badge(h, a.path("status").path("sync").path("status").asText("Unknown"));
            h.text(" ");
            Layout.badge(h, a.path("status").path("health").path("status").asText("Unknown"));
            for (JsonNode c : a.path("status").path("conditions")) {
                if (c.path("type").asText().endsWith("Error")) {
                    h.el("div", "Violation: " + c.path("type").asText() + ": " + c.path("message").asText(""), "class", "error");
                }
            }
            h.close("li");
        }
        h.close("ul");
    }

    private static String kinds(JsonNode list, String none) {
        String s = join(list, k -> (k.path("group").asText("").isEmpty() ? "" : k.path("group").asText() + "/") + k.path("kind").asText());
        return s.isEmpty() ? none : s;
    }

    private static String join(JsonNode list, java.util.function.Function<JsonNode, String> f) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(f.apply(n)));
        return String.join(", ", out);
    }

    String cluster(Http http) {
        Html h = new Html();
        h.el("h1", "Cluster");
        List<Node> nodes;
        List<Pod> pods;
        List<Namespace> namespaces;
        try {
            nodes = services.client().nodes().list().getItems();
            pods = services.client().pods().inAnyNamespace().list().getItems();
            namespaces = services.client().namespaces().list().getItems();
        } catch (KubernetesClientException e) {
            h.el("p", "The cluster did not answer: " + e.getMessage(), "class", "error", "role", "alert");
            return Layout.page("Cluster", "Cluster", http.session(), h.toString());
        }
        Map<String, double[]> requested = new HashMap<>(); // node -> cpu cores, memory bytes, pods
        Map<String, Integer> podsPerNamespace = new TreeMap<>();
        for (Pod p : pods) {
            String phase = p.getStatus() == null ? "" : String.valueOf(p.getStatus().getPhase());
            podsPerNamespace.merge(p.getMetadata().getNamespace(), 1, Integer::sum);
            if (phase.equals("Succeeded") || phase.equals("Failed") || p.getSpec().getNodeName() == null) {
                continue; // finished or unscheduled pods hold no room on a node
            }
            double[] r = requested.computeIfAbsent(p.getSpec().getNodeName(), n -> new double[3]);
            for (Container c : p.getSpec().getContainers()) {
                if (c.getResources() != null && c.getResources().getRequests() != null) {
                    r[0] += amount(c.getResources().getRequests().get("cpu"));
                    r[1] += amount(c.getResources().getRequests().get("memory"));
                }
            }
            r[2]++;
        }
        h.open("section", "aria-labelledby", "nodes-title").el("h2", "Nodes (" + nodes.size() + ")", "id", "nodes-title");
        h.open("table", "class", "nodes").open("thead").open("tr");
        for (String c : List.of("Node", "Ready", "CPU requested / allocatable", "Memory requested / allocatable", "Pods")) {
            h.el("th", c, "scope", "col");
        }
        h.close("tr").close("thead").open("tbody");
        for (Node n : nodes) {
            String name = n.getMetadata().getName();
            double[] r = requested.getOrDefault(name, new double[3]);
            Map<String, Quantity> alloc = n.getStatus() == null || n.getStatus().getAllocatable() == null ? Map.of() : n.getStatus().getAllocatable();
            boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            h.open("tr", "data-node", name).el("th", name, "scope", "row").open("td");
            Layout.badge(h, ready ? "Healthy" : "Degraded");
            h.close("td");
            usage(h, r[0], amount(alloc.get("cpu")), cores(r[0]) + " / " + cores(amount(alloc.get("cpu"))) + " cores");
            usage(h, r[1], amount(alloc.get("memory")), mib(r[1]) + " / " + mib(amount(alloc.get("memory"))) + " MiB");
            usage(h, r[2], amount(alloc.get("pods")), (int) r[2] + " / " + (int) amount(alloc.get("pods")));
            h.close("tr");
        }
        h.close("tbody").close("table").close("section");
        h.open("section", "aria-labelledby", "ns-title").el("h2", "Namespaces (" + namespaces.size() + ")", "id", "ns-title");
        h.open("table", "class", "namespaces").open("thead").open("tr").el("th", "Namespace", "scope", "col").el("th", "Status", "scope", "col")
                .el("th", "Pods", "scope", "col").close("tr").close("thead").open("tbody");
        for (Namespace ns : namespaces) {
            String name = ns.getMetadata().getName();
            h.open("tr").el("th", name, "scope", "row").el("td", ns.getStatus() == null ? "" : ns.getStatus().getPhase())
                    .el("td", podsPerNamespace.getOrDefault(name, 0)).close("tr");
        }
        h.close("tbody").close("table").close("section");
        return Layout.page("Cluster", "Cluster", http.session(), h.toString());
    }

    private static void usage(Html h, double used, double total, String label) {
        int percent = total <= 0 ? 0 : (int) Math.min(100, Math.round(used * 100 / total));
        h.open("td").open("span", "class", "meter", "role", "img", "aria-label", percent + " percent").raw("<span class=\"w" + (percent / 5 * 5)
                + "\"></span>").close("span").text(" " + label + " (" + percent + "%)").close("td");
    }

    private static double amount(Quantity q) {
        return q == null ? 0 : Quantity.getAmountInBytes(q).doubleValue();
    }

    private static String cores(double c) {
        return BigDecimal.valueOf(c).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static long mib(double bytes) {
        return Math.round(bytes / (1024 * 1024));
    }
}
