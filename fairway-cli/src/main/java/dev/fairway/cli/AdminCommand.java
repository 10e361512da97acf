package dev.fairway.cli;

import dev.fairway.server.ui.AdminAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairway admin}: the web UI's admin account. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Manage the web UI's admin account.",
        subcommands = AdminCommand.ResetPassword.class)
final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = {"Give the admin user a new random password and print it once.",
                    "Every signed-in browser session ends; API tokens keep working."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the password was reset", "2:the cluster could not be chosen or reached"})
    static final class ResetPassword implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--cluster", description = "The sandbox cluster (default: the only one under $FAIRWAY_HOME/clusters).")
        String cluster;

        @Option(names = "--kubeconfig", description = "Reach the cluster through this kubeconfig instead of a sandbox's.")
        Path kubeconfig;

        @Option(names = "--context", description = "The kubeconfig context (default: its current context).")
        String context;

        @Option(names = "--namespace", defaultValue = "argocd",
                description = "Where the server keeps its Secrets (default: ${DEFAULT-VALUE}).")
        String namespace;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path config;
            try {
                config = kubeconfig != null ? kubeconfig : sandboxKubeconfig(cluster);
            } catch (IllegalArgumentException | IOException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(context, Files.readString(config), config.toString())).build()) {
                String password = AdminAccount.resetPassword(client, namespace);
                out.println("New password for user " + AdminAccount.USER + " (shown once; only its hash is kept, in Secret "
                        + namespace + "/" + AdminAccount.SECRET + "):");
                out.println(password);
                // the first password is void now: do not let 'fairway setup' show it any more
                if (kubeconfig == null) {
                    Files.deleteIfExists(config.toAbsolutePath().getParent().resolve(ServerCommand.INITIAL_PASSWORD_FILE));
                }
                return 0;
            } catch (IOException | KubernetesClientException e) {
                err.println("error: cannot reset the password through " + config + ": " + e.getMessage()
                        + " (is the cluster running? start it with 'fairway server --sandbox NAME')");
                return 2;
            }
        }

        /** The kubeconfig the sandbox NAME wrote, or the only sandbox's when none is named. */
        static Path sandboxKubeconfig(String cluster) throws IOException {
            Path clusters = FairwayHome.root().resolve("clusters");
            if (cluster != null) {
                Path file = clusters.resolve(cluster).resolve("kubeconfig");
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("cluster \"" + cluster + "\" has no kubeconfig at " + file
                            + ": create it with 'fairway setup " + cluster + "', or pass --kubeconfig");
                }
                return file;
            }
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(clusters)) {
                try (Stream<Path> s = Files.list(clusters)) {
                    s.map(d -> d.resolve("kubeconfig")).filter(Files::isReadable).sorted().forEach(found::add);
                }
            }
            if (found.size() == 1) {
                return found.get(0);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no cluster is recorded under " + clusters
                        + ": create one with 'fairway setup NAME', or pass --kubeconfig");
            }
            throw new IllegalArgumentException("several clusters are recorded (" + String.join(", ",
                    found.stream().map(p -> p.getParent().getFileName().toString()).toList()) + "): choose one with --cluster NAME");
        }
    }
}
