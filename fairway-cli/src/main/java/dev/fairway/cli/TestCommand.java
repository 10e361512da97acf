package dev.fairway.cli;

import dev.fairway.cli.platform.Bootstrap;
import dev.fairway.cli.platform.CheckResult;
import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.cli.platform.InfraChecks;
import dev.fairway.cli.platform.JUnitReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway test NAME}: the infrastructure tests (the seed's {@code ./test}) with human
 * output and, with {@code --junit FILE}, a JUnit XML report for CI; exit 1 when any fails.
 */
@Command(name = "test", description = "Run the infrastructure tests of a cluster: apps synced and healthy, pods ready, API and UI answering.")
final class TestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster.")
    String name;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path junit;

    @Override
    public Integer call() throws Exception {
        Path dir = FairwayHome.cluster(name);
        Optional<ClusterSettings> settings = ClusterSettings.read(dir);
        if (settings.isEmpty()) {
            System.err.println("error: cluster \"" + name + "\" was never set up: run 'fairway setup " + name + "' first");
            return 2;
        }
        ClusterSettings s = settings.get();
        Path kubeconfig = s.sandbox() ? dir.resolve("kubeconfig") : Path.of(s.kubeconfig());
        String url = null;
        String token = null;
        if (s.sandbox()) {
            if (dev.fairway.cli.platform.ServerProcess.running(dir).isEmpty()) {
                System.err.println("error: the server of cluster " + name + " is not running: start it with 'fairway deploy " + name + "'");
                return 1;
            }
            ServerInfo info = ServerInfo.read(dir);
            url = info.url();
            token = info.token();
        }
        Instant started = Instant.now();
        List<CheckResult> results;
        try (KubernetesClient client = Deployer.client(kubeconfig, s.context())) {
            results = new InfraChecks(client, Deployer.NAMESPACE).run(Bootstrap.ROOT, url, token);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        for (CheckResult r : results) {
            System.out.printf("%s  %-11s %s%n", r.passed() ? "ok  " : "FAIL", r.group(), r.name());
            if (!r.passed()) {
                r.failure().lines().forEach(l -> System.out.println("                   " + l));
            }
        }
        System.out.printf("%n%d tests, %d failed%n", results.size(), failed);
        if (junit != null) {
            JUnitReport.write(junit, "fairway test " + name, results, started);
            System.out.println("JUnit report: " + junit.toAbsolutePath());
        }
        return failed == 0 ? 0 : 1;
    }
}
