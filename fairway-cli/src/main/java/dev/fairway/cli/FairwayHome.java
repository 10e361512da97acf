package dev.fairway.cli;

import java.nio.file.Path;

/** Where Fairway keeps its data: {@code $FAIRWAY_HOME}, default {@code ~/.fairway}. */
final class FairwayHome {

    private FairwayHome() {}

    static Path root() {
        String env = System.getenv("FAIRWAY_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".fairway");
    }

    static Path cluster(String name) {
        return root().resolve("clusters").resolve(name);
    }
}
