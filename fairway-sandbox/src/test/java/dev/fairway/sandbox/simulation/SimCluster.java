package dev.fairway.sandbox.simulation;

import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A sandbox with a fast simulation (pods start in 300ms, back-off starts at 1s) in a temporary
 * directory, and the real {@code /usr/bin/kubectl} pointed at it with a private HOME.
 */
final class SimCluster implements AutoCloseable {

    static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    final Sandbox sandbox;
    private final Path home;

    private SimCluster(Sandbox sandbox, Path home) {
        this.sandbox = sandbox;
        this.home = home;
    }

    static SimCluster start(Path dir, String name) throws Exception {
        return start(dir, name, fast());
    }

    static Simulator.Config fast() {
        return Simulator.Config.defaults().withPodStartup(Duration.ofMillis(300)).withJitter(Duration.ofMillis(200))
                .withBackOff(Duration.ofSeconds(1));
    }

    static SimCluster start(Path dir, String name, Simulator.Config config) throws Exception {
        if (!Files.isExecutable(KUBECTL)) {
            fail("kubectl is missing at " + KUBECTL + ": install it with `apt-get install -y kubectl` and run the tests again");
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.INFO);
        }
        if (LoggerFactory.getLogger("org.eclipse.jetty") instanceof Logger jetty) {
            jetty.setLevel(Level.WARN);
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Sandbox s = Sandbox.start(new Sandbox.Config(name, dir.resolve("data"), 0, null, false, config));
        return new SimCluster(s, home);
    }

    record Result(int exitCode, String stdout, String stderr) {
        Result ok() {
            if (exitCode != 0) {
                fail("kubectl exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }

        JsonNode json() {
            try {
                return Json.parse(stdout);
            } catch (IOException e) {
                throw new AssertionError("kubectl printed no JSON: " + this, e);
            }
        }
    }

    Result kubectl(String... args) {
        return kubectlWithInput(null, Duration.ofSeconds(90), args);
    }

    Result apply(String yaml) {
        return kubectlWithInput(yaml, Duration.ofSeconds(60), "apply", "-f", "-").ok();
    }

    Result kubectlWithInput(String input, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(KUBECTL.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", sandbox.kubeconfig().toString());
        try {
            Process p = pb.start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("kubectl " + String.join(" ", args) + " did not finish in " + timeout + "\nstdout:\n" + out.getNow("")
                        + "\nstderr:\n" + err.getNow(""));
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("cannot run kubectl " + String.join(" ", args), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Polls until the check passes or the time is up; answers whether it passed. */
    static boolean eventually(Duration within, java.util.function.BooleanSupplier check) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (check.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return check.getAsBoolean();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
