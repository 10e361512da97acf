package dev.fairway.sandbox.it;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A sandbox in a separate JVM ({@link SandboxMain}), reached over HTTPS like any client would. */
final class SandboxProcess implements AutoCloseable {

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final String url;
    private final SandboxHttp http;

    private SandboxProcess(Process process, String url, SandboxHttp http) {
        this.process = process;
        this.url = url;
        this.http = http;
    }

    static SandboxProcess start(String name, Path dataDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName(), name, dataDir.toString(), "0")
                .redirectErrorStream(true)
                .start();
        StringBuilder out = new StringBuilder();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    if (line.startsWith("ready url=")) {
                        ready.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
            ready.complete(null);
        }, "sandbox-process-output");
        reader.setDaemon(true);
        reader.start();
        String line = ready.get(60, TimeUnit.SECONDS);
        if (line == null) {
            p.destroyForcibly();
            synchronized (out) {
                fail("the sandbox process ended before it was ready:\n" + out);
            }
        }
        String url = line.substring("ready url=".length(), line.indexOf(' ', "ready url=".length()));
        JsonNode kubeconfig = Json.YAML.readTree(Files.readString(dataDir.resolve("kubeconfig")));
        String ca = kubeconfig.path("clusters").path(0).path("cluster").path("certificate-authority-data").asText();
        String token = kubeconfig.path("users").path(0).path("user").path("token").asText();
        SandboxProcess sp = new SandboxProcess(p, url, new SandboxHttp(url, token, ca));
        synchronized (out) {
            sp.output.append(out);
        }
        return sp;
    }

    String url() {
        return url;
    }

    SandboxHttp http() {
        return http;
    }

    /** SIGKILL: no shutdown hook, no final commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("the sandbox process did not die after SIGKILL");
        }
    }

    List<String> startupOutput() {
        return output.toString().lines().toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
