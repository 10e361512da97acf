package dev.fairway.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sandbox started as its own JVM, as a user runs it, so its memory and restart time are its own. */
final class SandboxProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready url=(\\S+) kubeconfig=(\\S+)");

    private final Process process;
    final String url;
    final Path kubeconfig;

    private SandboxProcess(Process process, String url, Path kubeconfig) {
        this.process = process;
        this.url = url;
        this.kubeconfig = kubeconfig;
    }

    static SandboxProcess start(Path data, int port, Duration timeout, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("sandbox", "start", "--name", "bench", "--data", data.toString(),
                "--port", Integer.toString(port)));
        args.addAll(List.of(extraArgs));
        Files.createDirectories(data);
        return launch(args, data.resolveSibling(data.getFileName() + ".log"), java.util.Map.of(), timeout);
    }

    /**
     * Runs {@code fairway ARGS} as its own JVM with this JVM's options (the launcher's defaults),
     * as users run it, and waits for its ready line.
     */
    static SandboxProcess launch(List<String> fairwayArgs, Path log, java.util.Map<String, String> env, Duration timeout)
            throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.fairway.cli.Main"));
        cmd.addAll(fairwayArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                return new SandboxProcess(p, m.group(1), Path.of(m.group(2)));
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("fairway " + String.join(" ", fairwayArgs) + " did not print its ready line; see " + log);
    }

    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Resident set size of the sandbox process, in MiB (Linux). */
    long rssMiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** Peak resident set size of the sandbox process, in MiB (Linux). */
    long peakRssMiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** CPU seconds (user + system) the sandbox process has used (Linux, 100 ticks per second). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** SIGTERM and wait. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
