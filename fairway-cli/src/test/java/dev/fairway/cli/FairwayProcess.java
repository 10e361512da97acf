package dev.fairway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code fairway} jar as a separate process, as a user runs it: with its own
 * {@code FAIRWAY_HOME}, its output captured, and a time limit.
 */
final class FairwayProcess {

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path home;

    FairwayProcess(Path home) {
        this.home = home;
    }

    /** The project's root: the directory holding mvnw. */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new AssertionError("no mvnw above " + Path.of("").toAbsolutePath());
    }

    static Path jar() {
        Path jar = projectRoot().resolve("fairway-cli/target/fairway.jar");
        if (!Files.exists(jar)) {
            throw new AssertionError(jar + " is missing: integration tests run after 'package' ('./mvnw -B verify')");
        }
        return jar;
    }

    Run run(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.put("FAIRWAY_HOME", home.toString());
        env.put("FAIRWAY_JAVA_OPTS", "-Xms32m -Xmx512m -XX:+UseSerialGC");
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p, false));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p, true));
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("fairway " + String.join(" ", args) + " did not finish in " + limit.toSeconds() + " s; output:\n"
                    + out.getNow("") + err.getNow(""));
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(Process p, boolean error) {
        try {
            return new String((error ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
