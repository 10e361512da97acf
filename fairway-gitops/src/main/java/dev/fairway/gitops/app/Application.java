package dev.fairway.gitops.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.List;

/**
 * An Argo CD {@code argoproj.io/v1alpha1} Application as the engine uses it: the fields of its
 * spec, read and checked once, plus the object itself for its status and operation.
 *
 * @param revisionHistoryLimit how many {@code status.history} entries to keep (10 when not given)
 */
public record Application(String name, String namespace, String project, ApplicationSource source,
        Destination destination, SyncPolicy syncPolicy, List<IgnoreDifferences> ignoreDifferences,
        int revisionHistoryLimit, ObjectNode object) {

    public static final String API_VERSION = "argoproj.io/v1alpha1";
    public static final String KIND = "Application";
    public static final int DEFAULT_HISTORY_LIMIT = 10;

    /**
     * Reads an Application object.
     *
     * @throws InvalidSpecError naming the first field that is missing or has the wrong type
     */
    public static Application parse(ObjectNode object) {
        String apiVersion = Meta.apiVersion(object);
        if (!API_VERSION.equals(apiVersion) || !KIND.equals(Meta.kind(object))) {
            throw new InvalidSpecError("apiVersion/kind", "expected " + API_VERSION + " " + KIND + ", not "
                    + apiVersion + " " + Meta.kind(object));
        }
        String name = Meta.name(object);
        if (name == null || name.isBlank()) {
            throw new InvalidSpecError("metadata.name", "required");
        }
        JsonNode specNode = object.get("spec");
        if (specNode == null || specNode.isNull()) {
            throw new InvalidSpecError("spec", "required; give source, destination and project");
        }
        SpecFields spec = new SpecFields(object, "").object("spec");
        if (spec.object("sources").present() || object.path("spec").path("sources").isArray()) {
            throw new InvalidSpecError("spec.sources", "multiple sources are not supported yet; use spec.source");
        }
        long limit = spec.integer("revisionHistoryLimit").orElse((long) DEFAULT_HISTORY_LIMIT);
        if (limit < 0 || limit > 1000) {
            throw new InvalidSpecError("spec.revisionHistoryLimit", "must be between 0 and 1000, not " + limit);
        }
        String namespace = Meta.namespace(object);
        return new Application(name, namespace == null ? "" : namespace,
                spec.string("project", "default").isBlank() ? "default" : spec.string("project", "default"),
                ApplicationSource.parse(spec.object("source")),
                Destination.parse(spec.object("destination")),
                SyncPolicy.parse(spec.object("syncPolicy")),
                spec.objects("ignoreDifferences").stream().map(IgnoreDifferences::parse).toList(),
                (int) limit, object);
    }

    /** {@code namespace/name}, the key the controller queues. */
    public String key() {
        return namespace + "/" + name;
    }

    public boolean isAutomated() {
        return syncPolicy.automated().isPresent();
    }

    public SyncOptions syncOptions() {
        return syncPolicy.syncOptions();
    }
}
