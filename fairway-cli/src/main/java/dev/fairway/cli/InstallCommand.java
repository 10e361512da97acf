package dev.fairway.cli;

import dev.fairway.cli.platform.InstallManifests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairway install --print}: the manifests that run the engine inside a cluster, for those
 * who apply them with their own tools ({@code fairway setup --kubeconfig} applies the same).
 */
@Command(name = "install", description = "Print the manifests that install the engine into a cluster.")
final class InstallCommand implements Callable<Integer> {

    @Option(names = "--print", required = true, description = "Print the manifests (YAML) to standard output.")
    boolean print;

    @Option(names = "--image", paramLabel = "REF", defaultValue = InstallManifests.DEFAULT_IMAGE,
            description = "The engine's image (default: ${DEFAULT-VALUE}, built by './mvnw -pl fairway-cli jib:buildTar').")
    String image;

    @Option(names = "--namespace", defaultValue = "argocd", description = "Namespace of the engine and the Applications (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    public Integer call() {
        System.out.print(InstallManifests.yaml(namespace, image));
        return 0;
    }
}
