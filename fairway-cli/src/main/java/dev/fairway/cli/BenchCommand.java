package dev.fairway.cli;

import dev.fairway.cli.bench.SandboxBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairway bench ...}: measurements recorded in docs/BENCHMARKS.md. */
@Command(name = "bench", description = "Run benchmarks (figures go to docs/BENCHMARKS.md).",
        subcommands = {BenchCommand.Sandbox.class, BenchCommand.Sync.class, BenchCommand.Apps.class, BenchCommand.Webhook.class,
            BenchCommand.Kustomize.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "sandbox", description = "Writes, reads, lists, watch latency, memory and restart of the sandbox API server.")
    static final class Sandbox implements Callable<Integer> {

        @Option(names = "--objects", defaultValue = "100000", description = "ConfigMaps to hold for the memory and restart figures (default: ${DEFAULT-VALUE}).")
        int objects;

        @Option(names = "--watchers", defaultValue = "100", description = "Concurrent watchers for the latency figure (default: ${DEFAULT-VALUE}).")
        int watchers;

        @Option(names = "--seconds", defaultValue = "10", description = "Duration of each throughput phase (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--work-dir", description = "Where the bench sandbox keeps its data (default: a new temporary directory).")
        Path workDir;

        @Option(names = "--simulate", description = "Measure the workload simulation instead: nodes and Deployments converging to Available.")
        boolean simulate;

        @Option(names = "--nodes", defaultValue = "1000", description = "With --simulate: simulated nodes (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--deployments", defaultValue = "10000", description = "With --simulate: Deployments (default: ${DEFAULT-VALUE}).")
        int deployments;

        @Option(names = "--replicas", defaultValue = "3", description = "With --simulate: replicas each (default: ${DEFAULT-VALUE}).")
        int replicas;

        @Option(names = "--timeout", defaultValue = "1800", description = "With --simulate: seconds to wait for convergence (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("fairway-bench-");
            if (simulate) {
                new dev.fairway.cli.bench.SimulationBench(new dev.fairway.cli.bench.SimulationBench.Options(
                        nodes, deployments, replicas, java.time.Duration.ofSeconds(timeout), dir), System.out).run();
                return 0;
            }
            new SandboxBench(new SandboxBench.Options(objects, watchers, seconds, dir), System.out).run();
            return 0;
        }
    }

    @Command(name = "sync", description = "One app of many objects synced by the engine vs kubectl apply (client- and server-side).")
    static final class Sync implements Callable<Integer> {

        @Option(names = "--objects", defaultValue = "1000", description = "ConfigMaps in the application (default: ${DEFAULT-VALUE}).")
        int objects;

        @Option(names = "--work-dir", description = "Where the repository, server and data live (default: a new temporary directory).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("fairway-bench-sync-");
            new dev.fairway.cli.bench.SyncBench(new dev.fairway.cli.bench.SyncBench.Options(objects, dir), System.out).run();
            return 0;
        }
    }

    @Command(name = "apps", description = "Many apps of one ConfigMap each: time until all Synced, CPU, memory, cost of a no-op resync.")
    static final class Apps implements Callable<Integer> {

        @Option(names = "--apps", defaultValue = "10000", description = "Applications (default: ${DEFAULT-VALUE}).")
        int apps;

        @Option(names = "--resync", defaultValue = "120", description = "Seconds between full resyncs (default: ${DEFAULT-VALUE}).")
        int resync;

        @Option(names = "--timeout", defaultValue = "1800", description = "Seconds to wait for all apps to sync (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Option(names = "--work-dir", description = "Where the repository, server and data live (default: a new temporary directory).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("fairway-bench-apps-");
            new dev.fairway.cli.bench.AppsBench(new dev.fairway.cli.bench.AppsBench.Options(apps, java.time.Duration.ofSeconds(resync),
                    java.time.Duration.ofSeconds(timeout), dir), System.out).run();
            return 0;
        }
    }

    @Command(name = "webhook", description = "Latency from a git push and its webhook to the change being live in the cluster.")
    static final class Webhook implements Callable<Integer> {

        @Option(names = "--pushes", defaultValue = "50", description = "Pushes to time (default: ${DEFAULT-VALUE}).")
        int pushes;

        @Option(names = "--work-dir", description = "Where the repository, server and data live (default: a new temporary directory).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("fairway-bench-webhook-");
            new dev.fairway.cli.bench.WebhookBench(new dev.fairway.cli.bench.WebhookBench.Options(pushes, dir), System.out).run();
            return 0;
        }
    }

    @Command(name = "kustomize", description = "The built-in kustomize renderer vs kubectl kustomize on the same kustomizations.")
    static final class Kustomize implements Callable<Integer> {

        @picocli.CommandLine.Parameters(paramLabel = "DIR", arity = "0..*",
                description = "Kustomization directories inside this repository (default: the example platform's).")
        java.util.List<Path> directories = new java.util.ArrayList<>();

        @Option(names = "--rounds", defaultValue = "30", description = "Timed builds of each, after a warm-up (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            Path root = Path.of("").toAbsolutePath();
            java.util.List<Path> dirs = new java.util.ArrayList<>();
            if (directories.isEmpty()) {
                for (String d : new String[] {"cluster", "cluster-elk", "base/idp", "base/logging", "base/fairway-system"}) {
                    dirs.add(root.resolve("examples/platform").resolve(d));
                }
            } else {
                directories.forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
            }
            for (Path d : dirs) {
                if (!Files.isDirectory(d) || !d.startsWith(root)) {
                    System.err.println("error: " + d + " is not a directory inside " + root + ": run from the repository root");
                    return 2;
                }
            }
            new dev.fairway.cli.bench.KustomizeBench(new dev.fairway.cli.bench.KustomizeBench.Options(root, dirs, rounds), System.out).run();
            return 0;
        }
    }
}
