package dev.fairway.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code fairway setup} chose for a cluster, remembered in {@code setup.json} beside the
 * cluster's data so that {@code fairway deploy NAME} repeats it without the options.
 *
 * @param name the cluster name
 * @param type the cluster type ({@code cluster-TYPE} directory), or null for {@code cluster}
 * @param repo the repository the engine reads: a local work tree (sandbox mode) or a URL
 * @param repoUrl the URL the cluster directory's Applications use for that repository
 * @param revision the branch, tag or commit the root application follows
 * @param platformPath where {@code cluster/} and {@code cluster-TYPE/} live inside the repository
 *     ("" for its root)
 * @param port the port of the server's API and UI (sandbox mode)
 * @param kubeconfig the kubeconfig of an existing cluster, or null for the sandbox
 * @param context the kubeconfig context, or null for its current one
 */
public record ClusterSettings(String name, String type, String repo, String repoUrl, String revision,
        String platformPath, int port, String kubeconfig, String context) {

    public static final String FILE = "setup.json";

    /** The directory inside the platform that the root application renders. */
    public String clusterDirectory() {
        return type == null || type.isEmpty() ? "cluster" : "cluster-" + type;
    }

    /** The root application's {@code spec.source.path}: the cluster directory inside the repository. */
    public String sourcePath() {
        return platformPath.isEmpty() ? clusterDirectory() : platformPath + "/" + clusterDirectory();
    }

    public boolean sandbox() {
        return kubeconfig == null;
    }

    public ClusterSettings withPort(int newPort) {
        return new ClusterSettings(name, type, repo, repoUrl, revision, platformPath, newPort, kubeconfig, context);
    }

    public void write(Path clusterDir) throws IOException {
        ObjectNode o = Json.object();
        o.put("name", name);
        if (type != null) {
            o.put("type", type);
        }
        o.put("repo", repo);
        o.put("repoUrl", repoUrl);
        o.put("revision", revision);
        o.put("platformPath", platformPath);
        o.put("port", port);
        if (kubeconfig != null) {
            o.put("kubeconfig", kubeconfig);
        }
        if (context != null) {
            o.put("context", context);
        }
        AtomicFiles.write(clusterDir.resolve(FILE), Json.bytes(o), false);
    }

    /** The settings recorded for a cluster, if {@code fairway setup} ran for it. */
    public static Optional<ClusterSettings> read(Path clusterDir) throws IOException {
        Path file = clusterDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON (" + e.getMessage() + "): run 'fairway setup' again to rewrite it", e);
        }
        return Optional.of(new ClusterSettings(o.path("name").asText(clusterDir.getFileName().toString()),
                text(o, "type"), o.path("repo").asText("."), o.path("repoUrl").asText(), o.path("revision").asText("HEAD"),
                o.path("platformPath").asText(""), o.path("port").asInt(0), text(o, "kubeconfig"), text(o, "context")));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
