package dev.fairway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fairway} command. */
@Command(
        name = "fairway",
        mixinStandardHelpOptions = true,
        version = "fairway 0.1.0",
        description = "GitOps platform for Kubernetes: sandbox cluster, Argo CD-compatible engine and more.",
        subcommands = {
            CommandLine.HelpCommand.class,
            SandboxCommand.class,
            BenchCommand.class,
            ServerCommand.class,
            AppCommand.class,
            RenderCommand.class,
            HealthCommand.class,
            SetupCommand.class,
            DeployCommand.class,
            TestCommand.class,
            StatusCommand.class,
            ClustersCommand.class,
            DestroyCommand.class,
            InstallCommand.class,
            ClusterCommand.class,
            AdminCommand.class,
            ProjectCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
