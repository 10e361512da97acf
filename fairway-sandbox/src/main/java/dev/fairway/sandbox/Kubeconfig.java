package dev.fairway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes the kubeconfig that lets kubectl and client libraries into a sandbox. */
public final class Kubeconfig {

    private Kubeconfig() {}

    public static String render(String clusterName, String url, String token, String caData) {
        String ctx = "fairway-" + clusterName;
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %4$s
                users:
                - name: %1$s-admin
                  user:
                    token: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                    namespace: default
                current-context: %1$s
                preferences: {}
                """.formatted(ctx, url, token, caData);
    }

    public static void write(Path file, String clusterName, String url, String token, String caData) throws IOException {
        AtomicFiles.write(file, render(clusterName, url, token, caData).getBytes(StandardCharsets.UTF_8), true);
    }
}
