package dev.fairway.cli;

import dev.fairway.cli.bench.SandboxBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairway bench ...}: measurements recorded in docs/BENCHMARKS.md. */
@Command(name = "bench", description = "Run benchmarks (figures go to docs/BENCHMARKS.md).",
        subcommands = {BenchCommand.Sandbox.class})
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

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("fairway-bench-");
            new SandboxBench(new SandboxBench.Options(objects, watchers, seconds, dir), System.out).run();
            return 0;
        }
    }
}
