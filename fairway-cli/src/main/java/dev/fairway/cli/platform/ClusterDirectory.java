package dev.fairway.cli.platform;

import dev.fairway.gitops.render.RenderRequest;
import dev.fairway.gitops.render.Renderers;
import dev.fairway.gitops.render.SourceOptions;
import dev.fairway.kube.yaml.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A cluster directory ({@code cluster/} or {@code cluster-TYPE/}) of a platform repository,
 * rendered from the work tree with the engine's own renderers before anything is sent to the
 * cluster: a broken kustomization fails {@code setup} at once with file and line.
 *
 * @param platformPath where the platform lives in the repository ("" for its root)
 * @param manifests what the root application will apply
 */
public record ClusterDirectory(String platformPath, List<Manifest> manifests) {

    /** Where the example platform lives in Fairway's own repository. */
    public static final String EXAMPLE_PLATFORM = "examples/platform";

    /**
     * Finds the platform directory holding {@code clusterDir}: the directory the command runs in
     * (when inside the repository), then the repository's root, then the example platform.
     *
     * @throws IllegalArgumentException listing where it looked and the cluster types there are
     */
    public static String findPlatform(Path repositoryRoot, Path workingDirectory, String clusterDir) {
        List<String> candidates = new ArrayList<>();
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        if (cwd.startsWith(repositoryRoot) && !cwd.equals(repositoryRoot)) {
            candidates.add(repositoryRoot.relativize(cwd).toString());
        }
        candidates.add("");
        candidates.add(EXAMPLE_PLATFORM);
        for (String c : candidates) {
            if (Files.isDirectory(repositoryRoot.resolve(c).resolve(clusterDir))) {
                return c;
            }
        }
        StringBuilder types = new StringBuilder();
        for (String c : candidates) {
            List<String> found = clusterTypes(repositoryRoot.resolve(c));
            if (!found.isEmpty()) {
                types.append("; ").append(c.isEmpty() ? repositoryRoot.toString() : c).append(" has ").append(String.join(", ", found));
            }
        }
        return fail(repositoryRoot, clusterDir, candidates, types.toString());
    }

    private static String fail(Path root, String clusterDir, List<String> candidates, String types) {
        throw new IllegalArgumentException("no " + clusterDir + "/ directory in " + root + " (looked in "
                + String.join(", ", candidates.stream().map(c -> c.isEmpty() ? "the root" : c).toList()) + ")" + types
                + ": give a cluster type that exists, or run setup in the platform repository");
    }

    /** The cluster directories of a platform: {@code cluster} and every {@code cluster-TYPE}. */
    public static List<String> clusterTypes(Path platformDir) {
        if (!Files.isDirectory(platformDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(platformDir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.equals("cluster") || n.startsWith("cluster-")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Renders the cluster directory of the work tree as the engine will render the commit.
     *
     * @throws dev.fairway.gitops.render.RenderException with file and line when it does not render
     */
    public static ClusterDirectory render(Path repositoryRoot, String platformPath, String clusterDir, String namespace)
            throws IOException {
        Path scratch = Files.createTempDirectory("fairway-setup-");
        try {
            var renderer = Renderers.standard(scratch);
            String path = platformPath.isEmpty() ? clusterDir : platformPath + "/" + clusterDir;
            List<Manifest> manifests = renderer.render(new RenderRequest(repositoryRoot, "working-tree", path,
                    SourceOptions.none(), namespace));
            return new ClusterDirectory(platformPath, manifests);
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The repository URLs the rendered Applications use, most used first. */
    public List<String> applicationRepoUrls() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            if ("Application".equals(m.object().path("kind").asText())
                    && m.object().path("apiVersion").asText().startsWith("argoproj.io/")) {
                String url = m.object().path("spec").path("source").path("repoURL").asText("");
                if (!url.isEmpty()) {
                    counts.merge(url, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    /** The names of the Applications the cluster directory creates. */
    public List<String> applications() {
        return manifests.stream().filter(m -> "Application".equals(m.object().path("kind").asText()))
                .map(m -> m.object().path("metadata").path("name").asText()).toList();
    }
}
