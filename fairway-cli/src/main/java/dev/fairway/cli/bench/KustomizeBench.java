package dev.fairway.cli.bench;

import dev.fairway.gitops.render.kustomize.KustomizeBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built-in kustomize renderer against the real {@code kubectl kustomize}, side by side on
 * the same kustomizations in one run: median time per build of each, after a warm-up.
 */
public final class KustomizeBench {

    /** @param root the repository root kustomizations may refer within; {@code directories} inside it */
    public record Options(Path root, List<Path> directories, int rounds) {}

    private final Options options;
    private final PrintStream out;

    public KustomizeBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws IOException, InterruptedException {
        KustomizeBuilder builder = new KustomizeBuilder(options.root());
        out.printf("%-44s %8s %12s %12s %8s%n", "KUSTOMIZATION", "OBJECTS", "BUILT-IN ms", "KUBECTL ms", "RATIO");
        double totalBuiltIn = 0;
        double totalKubectl = 0;
        for (Path dir : options.directories()) {
            int objects = builder.build(dir).size();
            for (int i = 0; i < 20; i++) {
                builder.build(dir); // warm the JIT, as a long-running engine is
            }
            List<Double> builtIn = new ArrayList<>();
            List<Double> kubectl = new ArrayList<>();
            for (int i = 0; i < options.rounds(); i++) {
                long t0 = System.nanoTime();
                builder.build(dir);
                builtIn.add((System.nanoTime() - t0) / 1e6);
                long t1 = System.nanoTime();
                kubectl(dir);
                kubectl.add((System.nanoTime() - t1) / 1e6);
            }
            double b = median(builtIn);
            double k = median(kubectl);
            totalBuiltIn += b;
            totalKubectl += k;
            out.printf("%-44s %8d %12.2f %12.2f %7.1fx%n", options.root().relativize(dir), objects, b, k, k / b);
        }
        out.printf("%-44s %8s %12.2f %12.2f %7.1fx%n", "all (sum of medians)", "", totalBuiltIn, totalKubectl, totalKubectl / totalBuiltIn);
    }

    private static void kubectl(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("kubectl kustomize " + dir + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
