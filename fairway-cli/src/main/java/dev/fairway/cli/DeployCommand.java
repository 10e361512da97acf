package dev.fairway.cli;

import dev.fairway.cli.platform.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway deploy NAME}: the old {@code deploy.sh}. Makes sure the server runs (starting the
 * sandbox server when its process is gone), points the root application at the cluster directory
 * chosen at setup, applies Terraform outputs, asks every app to compare with git now, and follows
 * the sync of the newest commit.
 */
@Command(name = "deploy", description = "Sync a cluster set up with 'fairway setup' to the newest commit and follow it.")
final class DeployCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster.")
    String name;

    @Option(names = "--tf-outputs", paramLabel = "FILE", description = "The JSON of 'terraform output -json' to give the cluster.")
    Path tfOutputs;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long to wait for everything to be Synced and Healthy (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        Duration wait;
        try {
            wait = dev.fairway.kube.GoDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --timeout " + timeout + ": " + e.getMessage());
            return 2;
        }
        Optional<ClusterSettings> settings = ClusterSettings.read(FairwayHome.cluster(name));
        if (settings.isEmpty()) {
            System.err.println("error: cluster \"" + name + "\" was never set up (no " + FairwayHome.cluster(name).resolve(ClusterSettings.FILE)
                    + "): run 'fairway setup " + name + " [TYPE]' first");
            return 2;
        }
        return new Deployer().run(settings.get(), tfOutputs, wait, false);
    }
}
