package dev.fairway.gitops.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rendering tool (kubectl, kustomize, helm) with a time limit. Output goes to temporary
 * files rather than pipes so that a tool writing much to both streams can never block.
 */
final class ExternalCommand {

    /** What a finished command printed. */
    record Result(int exitCode, String stdout, String stderr) {}

    /** The command could not be started: usually the binary is not installed. */
    static final class NotStartedException extends IOException {
        NotStartedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The command ran past its time limit and was killed. */
    static final class TimedOutException extends IOException {
        TimedOutException(String message) {
            super(message);
        }
    }

    private ExternalCommand() {}

    static Result run(List<String> command, Path workingDirectory, Duration timeout) throws IOException {
        Path stdout = Files.createTempFile("fairway-render-", ".out");
        Path stderr = Files.createTempFile("fairway-render-", ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            } catch (IOException e) {
                throw new NotStartedException(command.get(0) + " cannot be started: " + e.getMessage(), e);
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    throw new TimedOutException(String.join(" ", command) + " did not finish within "
                            + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
