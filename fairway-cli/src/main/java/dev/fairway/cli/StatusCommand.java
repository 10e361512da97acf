package dev.fairway.cli;

import dev.fairway.cli.platform.AppState;
import dev.fairway.cli.platform.Bootstrap;
import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.cli.platform.ServerProcess;
import dev.fairway.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fairway status NAME}: the server's state, where things are, and every application's sync and health. */
@Command(name = "status", description = "Show a cluster's server, settings and applications.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster.")
    String name;

    @Override
    public Integer call() throws Exception {
        Path dir = FairwayHome.cluster(name);
        Optional<ClusterSettings> settings = ClusterSettings.read(dir);
        if (settings.isEmpty() && !Files.isDirectory(dir)) {
            System.err.println("error: no cluster \"" + name + "\" under " + FairwayHome.root().resolve("clusters")
                    + ": see 'fairway clusters'");
            return 2;
        }
        List<String> row = ClustersCommand.row(dir);
        System.out.println("Cluster:     " + name);
        System.out.println("Server:      " + row.get(1) + (row.get(4).equals("-") ? "" : " " + row.get(4)));
        settings.ifPresent(s -> {
            System.out.println("Repository:  " + s.repo() + (s.repo().equals(s.repoUrl()) ? "" : " (as " + s.repoUrl() + ")"));
            System.out.println("Path:        " + s.sourcePath() + " at " + s.revision());
        });
        Path kubeconfig = settings.filter(s -> !s.sandbox()).map(s -> Path.of(s.kubeconfig())).orElse(dir.resolve("kubeconfig"));
        System.out.println("Kubeconfig:  " + kubeconfig);
        System.out.println("Log:         " + dir.resolve(ServerProcess.LOG_FILE));
        boolean sandboxStopped = settings.map(ClusterSettings::sandbox).orElse(true) && ServerProcess.running(dir).isEmpty();
        if (sandboxStopped) {
            System.out.println();
            System.out.println("The server is stopped: start it with 'fairway deploy " + name + "'.");
            return 1;
        }
        List<List<String>> rows = new ArrayList<>();
        boolean allGood = true;
        try (KubernetesClient client = Deployer.client(kubeconfig, settings.map(ClusterSettings::context).orElse(null))) {
            for (GenericKubernetesResource r : client.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                    .inNamespace(Deployer.NAMESPACE).list().getItems()) {
                AppState s = AppState.of(Json.MAPPER.valueToTree(r));
                allGood &= s.syncedAndHealthy() && s.errors().isEmpty();
                rows.add(List.of(s.name(), s.sync(), s.health(), s.shortRevision().isEmpty() ? "-" : s.shortRevision(),
                        s.errors().isEmpty() ? (s.healthMessage().isEmpty() ? "" : s.healthMessage()) : s.errors().get(0)));
            }
        }
        System.out.println();
        if (rows.isEmpty()) {
            System.out.println("No applications yet (the root application is " + Deployer.NAMESPACE + "/" + Bootstrap.ROOT + ").");
            return 1;
        }
        Tables.print(System.out, List.of("APP", "SYNC", "HEALTH", "REVISION", "MESSAGE"), rows);
        return allGood ? 0 : 1;
    }
}
