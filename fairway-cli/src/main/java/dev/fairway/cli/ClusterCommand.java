package dev.fairway.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.gitops.app.Destination;
import dev.fairway.gitops.clusters.ClusterSecret;
import dev.fairway.gitops.clusters.ClusterSecretException;
import dev.fairway.gitops.clusters.KubeconfigContext;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fairway cluster add|list|rm}: the clusters a Fairway engine deploys to, kept as Argo CD
 * cluster Secrets ({@code argocd.argoproj.io/secret-type: cluster}) in the engine's namespace of
 * the Fairway cluster (the hub). The commands write those Secrets with the hub's kubeconfig, as
 * {@code fairway status} reads applications. Exit codes: 0 done, 1 the hub refused or failed,
 * 2 usage, input or connection errors.
 */
@Command(name = "cluster", description = "Register, list and remove the clusters the engine deploys to.",
        subcommands = {ClusterCommand.Add.class, ClusterCommand.ListClusters.class, ClusterCommand.Remove.class})
final class ClusterCommand implements Runnable {

    /** The engine's namespace, where Argo CD (and Fairway) look for cluster Secrets. */
    static final String NAMESPACE = "argocd";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A mistake the user can fix: printed as it is. */
    static final class Failure extends Exception {
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** How to reach the hub: a cluster recorded under $FAIRWAY_HOME, or a kubeconfig. */
    static final class Hub {
        @Option(names = "--cluster", paramLabel = "CLUSTER",
                description = "The Fairway cluster (under $FAIRWAY_HOME) that runs the engine (default: the only one recorded).")
        String cluster;

        @Option(names = "--hub-kubeconfig", paramLabel = "FILE",
                description = "Reach the engine's cluster with this kubeconfig instead of a recorded cluster.")
        Path kubeconfig;

        @Option(names = "--hub-context", paramLabel = "CONTEXT", description = "The context of --hub-kubeconfig (default: its current one).")
        String context;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format: text (default) or json.")
        String output = "text";

        boolean json() {
            return "json".equals(output);
        }

        /** A name for messages: the recorded cluster or the kubeconfig. */
        String describe() {
            return kubeconfig != null ? "the cluster of " + kubeconfig : "Fairway cluster " + cluster;
        }

        KubernetesClient connect() throws Exception {
            if (!output.equals("text") && !output.equals("json")) {
                throw new Failure(2, "unknown output format \"" + output + "\": use text or json");
            }
            if (kubeconfig == null) {
                Location where = Location.find(FairwayHome.root(), cluster);
                cluster = where.cluster();
                kubeconfig = where.kubeconfig();
                context = where.context();
            }
            if (!Files.isReadable(kubeconfig)) {
                throw new Failure(2, "cannot read the kubeconfig " + kubeconfig);
            }
            return Deployer.client(kubeconfig, context);
        }
    }

    /**
     * Where a recorded Fairway cluster's API is: the kubeconfig {@code fairway setup} recorded
     * (cluster mode), else the sandbox's {@code kubeconfig} beside its data.
     */
    record Location(String cluster, Path kubeconfig, String context) {

        static Location find(Path home, String cluster) throws Exception {
            Path clusters = home.resolve("clusters");
            if (cluster != null) {
                Path dir = clusters.resolve(cluster);
                Optional<Location> found = at(dir);
                if (found.isEmpty()) {
                    throw new Failure(2, "no Fairway cluster \"" + cluster + "\" under " + clusters + " (no kubeconfig or "
                            + ClusterSettings.FILE + " in " + dir + "): create it with 'fairway setup " + cluster
                            + "', or pass --hub-kubeconfig FILE");
                }
                return found.get();
            }
            List<Location> all = new ArrayList<>();
            if (Files.isDirectory(clusters)) {
                try (Stream<Path> s = Files.list(clusters)) {
                    for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                        at(d).ifPresent(all::add);
                    }
                }
            }
            if (all.size() == 1) {
                return all.get(0);
            }
            if (all.isEmpty()) {
                throw new Failure(2, "no Fairway cluster under " + clusters + ": create one with 'fairway setup NAME', "
                        + "or pass --hub-kubeconfig FILE");
            }
            throw new Failure(2, "several Fairway clusters (" + String.join(", ", all.stream().map(Location::cluster).toList())
                    + "): choose one with --cluster CLUSTER");
        }

        private static Optional<Location> at(Path dir) throws IOException {
            String name = dir.getFileName().toString();
            Optional<ClusterSettings> settings = ClusterSettings.read(dir);
            if (settings.isPresent() && !settings.get().sandbox()) {
                return Optional.of(new Location(name, Path.of(settings.get().kubeconfig()), settings.get().context()));
            }
            Path kubeconfig = dir.resolve("kubeconfig");
            return Files.exists(kubeconfig) ? Optional.of(new Location(name, kubeconfig, null)) : Optional.empty();
        }
    }

    /** What the three commands share: connecting, and turning failures into messages and exit codes. */
    abstract static class HubAction implements Callable<Integer> {
        @Mixin
        Hub hub;

        @Override
        public Integer call() {
            PrintStream err = System.err;
            try (KubernetesClient client = hub.connect()) {
                return run(client, System.out);
            } catch (Failure f) {
                err.println("error: " + f.getMessage());
                return f.code;
            } catch (IllegalArgumentException e) { // ClusterSecretException among them
                err.println("error: " + e.getMessage());
                return 2;
            } catch (KubernetesClientException e) {
                err.println("error: " + describe(e));
                return e.getCode() == 0 ? 2 : 1;
            } catch (Exception e) {
                err.println("error: " + e);
                return 2;
            }
        }

        private String describe(KubernetesClientException e) {
            if (e.getCode() == 0) {
                return "cannot reach " + hub.describe() + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                        + "; is it running? ('fairway status NAME')";
            }
            return hub.describe() + " refused: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage());
        }

        abstract int run(KubernetesClient client, PrintStream out) throws Exception;

        /** The cluster Secrets in the engine's namespace, parsed, or with the reason they cannot be. */
        List<Listed> listed(KubernetesClient client) throws Failure {
            if (client.namespaces().withName(NAMESPACE).get() == null) {
                throw new Failure(2, "namespace " + NAMESPACE + " does not exist in " + hub.describe()
                        + ": is Fairway installed there? ('fairway setup NAME')");
            }
            List<Listed> out = new ArrayList<>();
            for (Secret s : client.secrets().inNamespace(NAMESPACE)
                    .withLabel(ClusterSecret.SECRET_TYPE_LABEL, ClusterSecret.SECRET_TYPE).list().getItems()) {
                ObjectNode node = Json.MAPPER.valueToTree(s);
                try {
                    out.add(new Listed(s.getMetadata().getName(), ClusterSecret.parse(node), null));
                } catch (ClusterSecretException e) {
                    out.add(new Listed(s.getMetadata().getName(), null, e.getMessage()));
                }
            }
            out.sort(java.util.Comparator.comparing(Listed::secretName));
            return out;
        }
    }

    /** One cluster Secret: what it registers, or why it cannot be read. */
    record Listed(String secretName, ClusterSecret cluster, String problem) {}

    @Command(name = "add", description = "Register a cluster from a kubeconfig context: writes an Argo CD cluster Secret.")
    static final class Add extends HubAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name, what destination.name refers to.")
        String name;

        @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "The kubeconfig with the cluster's server and credentials.")
        Path kubeconfig;

        @Option(names = "--context", paramLabel = "CONTEXT", description = "The context to take (default: the kubeconfig's current one).")
        String context;

        @Option(names = "--namespace-scope", split = ",", paramLabel = "NS",
                description = "Manage only these namespaces of the cluster (comma list); default the whole cluster.")
        List<String> namespaces = new ArrayList<>();

        @Option(names = "--cluster-resources", description = "With --namespace-scope: still manage cluster-scoped objects.")
        boolean clusterResources;

        @Option(names = "--project", paramLabel = "PROJECT", description = "Make the cluster belong to this AppProject.")
        String project = "";

        @Option(names = "--server", paramLabel = "URL",
                description = "The URL the engine reaches the cluster at, when it differs from the kubeconfig's.")
        String server;

        @Option(names = "--upsert", description = "Replace the cluster's Secret when it is registered already.")
        boolean upsert;

        @Override
        int run(KubernetesClient client, PrintStream out) throws Exception {
            if (name.isBlank()) {
                throw new Failure(2, "NAME must not be empty");
            }
            if (Destination.IN_CLUSTER_NAME.equals(name)) {
                throw new Failure(2, "\"" + Destination.IN_CLUSTER_NAME + "\" names the cluster the engine runs in: choose another NAME");
            }
            namespaces = namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (clusterResources && namespaces.isEmpty()) {
                throw new Failure(2, "--cluster-resources only means something with --namespace-scope");
            }
            if (!Files.isReadable(kubeconfig)) {
                throw new Failure(2, "cannot read --kubeconfig " + kubeconfig);
            }
            KubeconfigContext ctx = KubeconfigContext.read(kubeconfig, context);
            ClusterSecret base = ctx.toClusterSecret(name, server, namespaces, clusterResources);
            ClusterSecret cluster = new ClusterSecret("", base.name(), base.server(), base.config(), base.namespaces(),
                    base.clusterResources(), project);
            String secretName = ClusterSecret.secretNameFor(name);
            for (Listed l : listed(client)) {
                if (l.cluster() == null || l.secretName().equals(secretName) && upsert) {
                    continue;
                }
                if (l.secretName().equals(secretName) || l.cluster().name().equals(name)) {
                    throw new Failure(1, "a cluster named \"" + name + "\" is registered already (Secret " + NAMESPACE + "/"
                            + l.secretName() + ", server " + l.cluster().server() + "): pass --upsert to replace it, or choose another NAME");
                }
                if (l.cluster().server().equals(cluster.server())) {
                    throw new Failure(1, "server " + cluster.server() + " is registered already as \"" + l.cluster().name() + "\" (Secret "
                            + NAMESPACE + "/" + l.secretName() + "): remove it first with 'fairway cluster rm " + l.cluster().name() + "'");
                }
            }
            Secret secret = Json.MAPPER.convertValue(cluster.toSecret(NAMESPACE, secretName), Secret.class);
            client.secrets().inNamespace(NAMESPACE).resource(secret).createOr(NonDeletingOperation::update);
            if (hub.json()) {
                out.println(Json.write(describe(secretName, cluster, null)));
            } else {
                out.printf("cluster %s (%s, context %s) registered in %s as Secret %s/%s%n", name, cluster.server(), ctx.contextName(),
                        hub.describe(), NAMESPACE, secretName);
                out.printf("deploy to it with destination.name: %s (or server: %s)%n", name, cluster.server());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the clusters the engine deploys to.")
    static final class ListClusters extends HubAction {
        @Override
        int run(KubernetesClient client, PrintStream out) throws Exception {
            List<Listed> listed = listed(client);
            boolean localOverridden = listed.stream().anyMatch(l -> l.cluster() != null && l.cluster().isInCluster());
            List<ObjectNode> rows = new ArrayList<>();
            if (!localOverridden) {
                rows.add(describe("", new ClusterSecret("", Destination.IN_CLUSTER_NAME, Destination.IN_CLUSTER_SERVER, null, List.of(),
                        false, ""), null));
            }
            for (Listed l : listed) {
                rows.add(describe(l.secretName(), l.cluster(), l.problem()));
            }
            if (hub.json()) {
                ArrayNode a = Json.MAPPER.createArrayNode();
                rows.forEach(a::add);
                out.println(Json.write(a));
                return 0;
            }
            List<List<String>> table = new ArrayList<>();
            for (ObjectNode r : rows) {
                String namespaces = r.path("namespaces").isEmpty() ? "(all)" : String.join(",",
                        Json.MAPPER.convertValue(r.path("namespaces"), String[].class))
                        + (r.path("clusterResources").asBoolean() ? " +cluster-scoped" : "");
                table.add(List.of(r.path("name").asText("-"), r.path("server").asText("-"), r.has("error") ? "-" : namespaces,
                        r.path("project").asText("").isEmpty() ? "-" : r.path("project").asText(),
                        r.path("secret").asText("").isEmpty() ? "(built in)" : r.path("secret").asText(),
                        r.has("error") ? "Invalid: " + r.path("error").asText() : ""));
            }
            Tables.print(out, List.of("NAME", "SERVER", "NAMESPACES", "PROJECT", "SECRET", "MESSAGE"), table);
            return listed.stream().anyMatch(l -> l.problem() != null) ? 1 : 0;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Remove a cluster: deletes its cluster Secret. What was deployed there stays.")
    static final class Remove extends HubAction {
        @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name or server URL.")
        String name;

        @Override
        int run(KubernetesClient client, PrintStream out) throws Exception {
            List<Listed> matches = listed(client).stream().filter(l -> l.cluster() != null
                    && (l.cluster().name().equals(name) || l.cluster().server().equals(name.replaceAll("/+$", "")))).toList();
            if (matches.isEmpty()) {
                if (Destination.IN_CLUSTER_NAME.equals(name) || Destination.IN_CLUSTER_SERVER.equals(name)) {
                    throw new Failure(1, "\"" + name + "\" is the cluster the engine runs in; it has no Secret to remove");
                }
                throw new Failure(1, "no cluster \"" + name + "\" is registered in " + hub.describe() + ": see 'fairway cluster list'");
            }
            if (matches.size() > 1) {
                throw new Failure(1, "several clusters are named \"" + name + "\" (Secrets " + String.join(", ",
                        matches.stream().map(Listed::secretName).toList()) + "): remove one by its server URL");
            }
            Listed m = matches.get(0);
            client.secrets().inNamespace(NAMESPACE).withName(m.secretName()).delete();
            if (hub.json()) {
                out.println(Json.write(describe(m.secretName(), m.cluster(), null)));
            } else {
                out.printf("cluster %s (%s) removed: deleted Secret %s/%s; applications deploying there now report it missing%n",
                        m.cluster().name(), m.cluster().server(), NAMESPACE, m.secretName());
            }
            return 0;
        }
    }

    /** A cluster as the JSON output shows it: never the credentials. */
    static ObjectNode describe(String secretName, ClusterSecret c, String problem) {
        ObjectNode o = Json.object();
        if (c != null) {
            o.put("name", c.name());
            o.put("server", c.server());
            ArrayNode ns = o.putArray("namespaces");
            c.namespaces().forEach(ns::add);
            o.put("clusterResources", c.clusterResources());
            o.put("project", c.project());
        }
        o.put("secret", secretName.isEmpty() ? "" : NAMESPACE + "/" + secretName);
        if (problem != null) {
            o.put("error", problem);
        }
        return o;
    }
}
