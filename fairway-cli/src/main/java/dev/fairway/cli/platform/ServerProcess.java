package dev.fairway.cli.platform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The background {@code fairway server --sandbox NAME} process of a local cluster: started
 * detached from the terminal with its output in {@code server.log}, known by the pid it records
 * in {@code server.pid}, stopped with SIGTERM (the server shuts down cleanly on it).
 */
public final class ServerProcess {

    public static final String PID_FILE = "server.pid";
    public static final String LOG_FILE = "server.log";
    private static final Pattern READY = Pattern.compile("^ready url=(\\S+) kubeconfig=(\\S+)$", Pattern.MULTILINE);
    private static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx768m -XX:+UseG1GC -XX:+UseStringDeduplication";

    /** What the server said when it was ready. */
    public record Ready(String url, Path kubeconfig, long pid) {}

    private ServerProcess() {}

    /** The pid of the cluster's running server, if one runs. */
    public static Optional<Long> running(Path clusterDir) {
        Path file = clusterDir.resolve(PID_FILE);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(ServerProcess::isFairway).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A pid can be reused after a crash: only a java process running our main class counts. */
    private static boolean isFairway(ProcessHandle p) {
        Optional<String> line = p.info().commandLine();
        return line.isEmpty() || line.get().contains("java") || line.get().contains("fairway");
    }

    /**
     * Starts the server for a sandbox cluster and waits until it prints its ready line.
     *
     * @param extraArgs further {@code fairway server} options (e.g. {@code --rewrite ...})
     * @throws IOException with the end of the server's log when it exits or does not get ready in time
     */
    public static Ready start(Path clusterDir, String name, int port, List<String> extraArgs, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(clusterDir);
        Path log = clusterDir.resolve(LOG_FILE);
        if (Files.exists(log)) {
            Files.move(log, clusterDir.resolve(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // its own session: a Ctrl-C in the terminal of setup does not stop it
        }
        command.add(javaBinary());
        String opts = System.getenv("FAIRWAY_JAVA_OPTS");
        command.addAll(Arrays.asList((opts == null || opts.isBlank() ? DEFAULT_JAVA_OPTS : opts).trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.fairway.cli.Main",
                "server", "--sandbox", name, "--port", Integer.toString(port)));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = READY.matcher(text);
            if (m.find()) {
                return new Ready(m.group(1), Path.of(m.group(2)), process.pid());
            }
            if (!process.isAlive()) {
                throw new IOException("the server of cluster \"" + name + "\" exited with code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + tail(text, 20));
            }
            Thread.sleep(100);
        }
        process.destroy();
        throw new IOException("the server of cluster \"" + name + "\" was not ready after " + timeout.toSeconds()
                + " s; the end of " + log + ":\n" + tail(Files.readString(log, StandardCharsets.UTF_8), 20));
    }

    /**
     * Stops the cluster's server: SIGTERM, then SIGKILL after {@code grace}.
     *
     * @return true when a server was running
     */
    public static boolean stop(Path clusterDir, Duration grace) throws InterruptedException {
        Optional<Long> pid = running(clusterDir);
        if (pid.isEmpty()) {
            return false;
        }
        ProcessHandle handle = ProcessHandle.of(pid.get()).orElse(null);
        if (handle == null) {
            return false;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ignored) {
                // reported by the caller's liveness check
            }
        }
        return true;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
