package dev.fairway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a running {@code fairway server} can be reached: written by the server under
 * {@code $FAIRWAY_HOME/clusters/NAME/server.json}, read by {@code fairway app ...}.
 */
record ServerInfo(String url, String token) {

    static final String FILE = "server.json";

    void write(Path clusterDir) throws IOException {
        ObjectNode o = Json.object();
        o.put("url", url);
        o.put("token", token);
        AtomicFiles.write(clusterDir.resolve(FILE), Json.bytes(o), true);
    }

    static ServerInfo read(Path clusterDir) throws IOException {
        JsonNode o = Json.MAPPER.readTree(Files.readAllBytes(clusterDir.resolve(FILE)));
        return new ServerInfo(o.path("url").asText(), o.path("token").asText());
    }

    /**
     * Finds the server of {@code cluster}, or of the only cluster that has one when none is named.
     *
     * @throws IllegalArgumentException saying what to do when it cannot tell
     */
    static ServerInfo find(String cluster) throws IOException {
        Path clusters = FairwayHome.root().resolve("clusters");
        if (cluster != null) {
            Path dir = clusters.resolve(cluster);
            if (!Files.exists(dir.resolve(FILE))) {
                throw new IllegalArgumentException("no server is recorded for cluster \"" + cluster + "\" (" + dir.resolve(FILE)
                        + "): start one with 'fairway server --sandbox " + cluster + "'");
            }
            return read(dir);
        }
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(clusters)) {
            try (Stream<Path> s = Files.list(clusters)) {
                s.filter(d -> Files.exists(d.resolve(FILE))).forEach(found::add);
            }
        }
        if (found.size() == 1) {
            return read(found.get(0));
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no Fairway server is recorded under " + clusters
                    + ": start one with 'fairway server --sandbox NAME', or pass --server URL --token TOKEN");
        }
        List<String> names = found.stream().map(p -> p.getFileName().toString()).sorted().toList();
        throw new IllegalArgumentException("several clusters have servers (" + String.join(", ", names) + "): choose one with --cluster NAME");
    }
}
