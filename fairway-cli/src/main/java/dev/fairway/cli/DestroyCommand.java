package dev.fairway.cli;

import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.cli.platform.ServerProcess;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway destroy NAME}: stops the cluster's server and deletes its data. Asks for the
 * cluster's name on a terminal; without a terminal it needs {@code --yes}.
 */
@Command(name = "destroy", description = "Stop a local cluster's server and delete all its data.")
final class DestroyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster.")
    String name;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Path dir = FairwayHome.cluster(name);
        if (!Files.isDirectory(dir)) {
            System.err.println("error: no cluster \"" + name + "\" under " + FairwayHome.root().resolve("clusters") + ": see 'fairway clusters'");
            return 2;
        }
        Optional<ClusterSettings> settings = ClusterSettings.read(dir);
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                System.err.println("error: destroy deletes cluster " + name + " and all its data (" + dir + "): pass --yes to confirm");
                return 2;
            }
            String answer = console.readLine("Delete cluster %s and all its data in %s? Type its name to confirm: ", name, dir);
            if (answer == null || !answer.strip().equals(name)) {
                System.err.println("not confirmed: nothing was deleted");
                return 1;
            }
        }
        if (ServerProcess.stop(dir, Duration.ofSeconds(30))) {
            System.out.println("stopped the server of " + name);
        }
        if (ServerProcess.running(dir).isPresent()) {
            System.err.println("error: the server of " + name + " did not stop; nothing was deleted");
            return 1;
        }
        deleteTree(dir);
        System.out.println("deleted " + dir);
        settings.filter(s -> !s.sandbox()).ifPresent(s -> System.out.println("the engine installed in the cluster of " + s.kubeconfig()
                + " keeps running: remove it with 'fairway install --print | kubectl delete -f -'"));
        return 0;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
