package dev.fairway.cli;

import dev.fairway.sandbox.Sandbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairway sandbox ...}: the embedded Kubernetes API server. */
@Command(name = "sandbox", description = "Run an embedded Kubernetes API server (a sandbox cluster).",
        subcommands = {SandboxCommand.Start.class})
final class SandboxCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "start", description = "Start a sandbox cluster in the foreground; SIGTERM or Ctrl-C stops it cleanly.")
    static final class Start implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "Cluster name (kubeconfig context fairway-NAME).")
        String name;

        @Option(names = "--data", description = "Data directory (default: $FAIRWAY_HOME/clusters/NAME).")
        Path data;

        @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--audit-webhook", description = "Also POST audit events (audit.k8s.io/v1 EventList) to this URL.")
        URI auditWebhook;

        @Option(names = "--nodes", defaultValue = "3", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--pod-startup", defaultValue = "1s",
                description = "How long a simulated container takes to start, e.g. 500ms, 2s (default: ${DEFAULT-VALUE}).")
        String podStartup;

        @Option(names = "--registry", split = ",", paramLabel = "IMAGE",
                description = "Images the simulated registry has (repo, repo:tag or repo:*); others fail with ErrImagePull. Default: every image exists.")
        java.util.List<String> registry = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Path dir = data != null ? data : FairwayHome.cluster(name);
            Sandbox sandbox;
            try {
                dev.fairway.sandbox.simulation.Simulator.Config simulation = dev.fairway.sandbox.simulation.Simulator.Config.defaults()
                        .withNodes(nodes).withPodStartup(dev.fairway.kube.GoDuration.parse(podStartup))
                        .withRegistry(registry);
                sandbox = Sandbox.start(new Sandbox.Config(name, dir, port, auditWebhook, true, simulation));
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                System.err.println("error: cannot start the sandbox in " + dir + ": " + e.getMessage());
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sandbox.close();
                stopped.countDown();
            }, "sandbox-shutdown"));
            System.out.println("ready url=" + sandbox.url() + " kubeconfig=" + sandbox.kubeconfig());
            System.out.flush();
            stopped.await();
            return 0;
        }
    }
}
