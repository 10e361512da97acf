package dev.fairway.sandbox.it;

import dev.fairway.sandbox.Sandbox;
import java.nio.file.Path;

/**
 * Runs a sandbox in a JVM of its own, as {@code fairway sandbox start} does, so that a test can
 * kill it with SIGKILL. Arguments: name, data directory, port. Prints one {@code ready} line.
 */
public final class SandboxMain {

    private SandboxMain() {}

    public static void main(String[] args) throws Exception {
        Sandbox sandbox = Sandbox.start(new Sandbox.Config(args[0], Path.of(args[1]), Integer.parseInt(args[2]), null, true));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("ready url=" + sandbox.url() + " kubeconfig=" + sandbox.kubeconfig());
        System.out.flush();
        Thread.currentThread().join();
    }
}
