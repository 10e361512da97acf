package dev.fairway.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the outside fixtures, which live in {@code shared/conformance/} next to the repository
 * root (the directory with {@code mvnw}) and are read in place, never copied.
 */
final class ConformanceFixtures {
    private ConformanceFixtures() {}

    static Path folder(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && dir.getParent() != null) {
                Path candidate = dir.getParent().resolve("shared").resolve("conformance").resolve(name);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("conformance fixtures not found: expected shared/conformance/" + name
                + " next to the repository root (the directory with mvnw), searching up from " + start);
    }
}
