package dev.fairway.gitops.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Holds our health assessment to the statuses Argo CD's engine gives its own test objects. */
class HealthConformanceTest {

    private static final Path FOLDER = ConformanceFixtures.folder("health");
    private final HealthAssessor assessor = HealthAssessor.argoCd();

    static Stream<Arguments> rows() throws IOException {
        List<String> lines = Files.readAllLines(FOLDER.resolve("expected.tsv"));
        return lines.stream()
                .skip(1) // header
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t"))
                .map(cells -> Arguments.of(cells[0], HealthStatus.valueOf(cells[1].trim())));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("rows")
    void givesArgoCdsStatus(String file, HealthStatus expected) {
        List<Manifest> manifests = new ManifestReader().read(FOLDER.resolve(file));

        assertThat(manifests).isNotEmpty();
        for (Manifest manifest : manifests) {
            assertThat(assessor.assess(manifest.object()))
                    .as(manifest.location())
                    .hasValueSatisfying(health -> assertThat(health.status()).isEqualTo(expected));
        }
    }

    @Test
    void everyListedFileIsThereAndTheListIsNotEmpty() throws IOException {
        List<Arguments> rows = rows().toList();

        assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
        rows.forEach(row -> assertThat(FOLDER.resolve((String) row.get()[0])).isRegularFile());
    }
}
