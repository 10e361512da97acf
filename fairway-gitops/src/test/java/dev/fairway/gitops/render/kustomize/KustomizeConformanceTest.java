package dev.fairway.gitops.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Builds every case under {@code src/test/resources/kustomize/cases/} and the example platform
 * directories of this repository with both the built-in builder and the real
 * {@code kubectl kustomize}, and requires the same objects in the same order. A machine without
 * kubectl fails here, never skips. Prints the time each takes per build.
 */
class KustomizeConformanceTest {

    private static final Path CASES = Path.of("src/test/resources/kustomize/cases").toAbsolutePath();
    private static final List<String> PLATFORM = List.of("examples/platform/cluster", "examples/platform/cluster-elk",
            "examples/platform/base/idp", "examples/platform/base/logging", "examples/platform/base/fairway-system");

    private static long nativeNanos;
    private static long kubectlNanos;
    private static int builds;

    @BeforeAll
    static void kubectlIsInstalled() throws Exception {
        try {
            Process version = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            if (version.waitFor() != 0) {
                fail("kubectl version --client failed; reinstall kubectl");
            }
        } catch (IOException e) {
            fail("kubectl is not on the PATH; the kustomize conformance suite compares with the real kubectl"
                    + " kustomize. Install it: apt-get install -y kubectl (or download it from"
                    + " https://kubernetes.io/docs/tasks/tools/)", e);
        }
    }

    @AfterAll
    static void printTimings() {
        if (builds > 0) {
            System.out.printf("kustomize conformance: %d builds; built-in %.1f ms per build, kubectl kustomize %.1f ms"
                    + " per build (%.0fx)%n", builds, nativeNanos / 1e6 / builds, kubectlNanos / 1e6 / builds,
                    (double) kubectlNanos / Math.max(1, nativeNanos));
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no directory with mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> casesMatchKubectlKustomize() throws IOException {
        List<Path> cases;
        try (Stream<Path> list = Files.list(CASES)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
                () -> compare(dir, dir)));
    }

    @TestFactory
    Stream<DynamicTest> examplePlatformMatchesKubectlKustomize() {
        Path root = repositoryRoot();
        return PLATFORM.stream().map(p -> DynamicTest.dynamicTest(p, () -> compare(root, root.resolve(p))));
    }

    private static void compare(Path root, Path dir) throws Exception {
        long start = System.nanoTime();
        List<ObjectNode> expected = kubectlKustomize(dir);
        long afterKubectl = System.nanoTime();
        List<ObjectNode> actual = new KustomizeBuilder(root).build(dir).stream().map(Manifest::object).toList();
        long afterNative = System.nanoTime();
        // a second, warm build is what a running engine pays
        long warmStart = System.nanoTime();
        new KustomizeBuilder(root).build(dir);
        nativeNanos += System.nanoTime() - warmStart;
        kubectlNanos += afterKubectl - start;
        builds++;
        assertThat(afterNative).isGreaterThanOrEqualTo(afterKubectl);
        List<String> expectedIds = expected.stream().map(KustomizeConformanceTest::id).toList();
        List<String> actualIds = actual.stream().map(KustomizeConformanceTest::id).toList();
        assertThat(actualIds).as("objects and their order").containsExactlyElementsOf(expectedIds);
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                assertThat(Json.yaml(actual.get(i))).as("object " + expectedIds.get(i))
                        .isEqualTo(Json.yaml(expected.get(i)));
            }
        }
    }

    private static String id(ObjectNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText() + "/"
                + object.path("metadata").path("namespace").asText() + "/" + object.path("metadata").path("name").asText();
    }

    static List<ObjectNode> kubectlKustomize(Path dir) throws Exception {
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (process.waitFor() != 0) {
            fail("kubectl kustomize " + dir + " failed: " + new String(stderr, StandardCharsets.UTF_8));
        }
        List<ObjectNode> objects = new ArrayList<>();
        new ManifestReader().read(new String(stdout, StandardCharsets.UTF_8), "kubectl output")
                .forEach(m -> objects.add(m.object()));
        return objects;
    }
}
