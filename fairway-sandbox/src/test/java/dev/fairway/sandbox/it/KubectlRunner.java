package dev.fairway.sandbox.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code /usr/bin/kubectl} against a sandbox: a private HOME (kubectl caches
 * discovery under it), the sandbox's kubeconfig, captured output and exit code. A machine without
 * kubectl fails the test with the command that installs it, as the project's tests never skip.
 */
final class KubectlRunner {

    static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path kubeconfig;
    private final Path home;

    KubectlRunner(Path kubeconfig, Path home) {
        if (!Files.isExecutable(KUBECTL)) {
            fail("kubectl is missing at " + KUBECTL + ": install it with `apt-get install -y kubectl` "
                    + "(or place a kubectl 1.31 binary there) and run the tests again");
        }
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** What one kubectl run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        /** Fails the test with both streams when kubectl did not exit 0. */
        Result ok() {
            if (exitCode != 0) {
                fail("kubectl exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs kubectl with {@code input} on its standard input (for {@code -f -}). */
    Result runWithInput(String input, String... args) {
        Process p = start(args);
        try {
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            Drain out = Drain.of(p.getInputStream());
            Drain err = Drain.of(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s\nstdout:\n"
                        + out.text() + "\nstderr:\n" + err.text());
            }
            return new Result(p.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl without waiting for it (for {@code get -w}); the caller ends it. */
    Process start(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(KUBECTL.toString());
        cmd.add("--kubeconfig=" + kubeconfig);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("KUBECONFIG");
        pb.environment().put("KUBECTL_EXTERNAL_DIFF", "diff -u -N");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + KUBECTL, e);
        }
    }

    /** Reads a process stream on its own thread so that a full pipe never blocks the process. */
    static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in) {
            thread = new Thread(() -> {
                byte[] b = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(b)) > 0) {
                        synchronized (buffer) {
                            buffer.write(b, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended or was killed: what was read so far is the answer
                }
            }, "kubectl-drain");
            thread.setDaemon(true);
            thread.start();
        }

        static Drain of(InputStream in) {
            return new Drain(in);
        }

        /** What was read so far. */
        String soFar() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        /** Everything, once the stream has ended. */
        String text() throws InterruptedException {
            thread.join(10_000);
            return soFar();
        }
    }
}
