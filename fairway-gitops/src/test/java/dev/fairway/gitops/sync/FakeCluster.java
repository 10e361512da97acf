package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.cluster.ClusterWriteException;
import dev.fairway.gitops.cluster.ClusterWriter;
import dev.fairway.gitops.cluster.DeletePropagation;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.cluster.WriteOptions;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster in memory: writes store the object (with generation 1 and no status, so Deployments
 * and Jobs start Progressing), gets read it back, deletes remove it. Objects named "broken" are
 * refused, and Gadgets until a CustomResourceDefinition is stored. Tests finish Jobs and roll out Deployments by hand.
 */
final class FakeCluster implements ClusterWriter {

    final Map<ResourceKey, ObjectNode> objects = new LinkedHashMap<>();
    /** "write Kind/name (STRATEGY)", "delete Kind/name (POLICY)", in order; dry runs are not listed. */
    final List<String> calls = new ArrayList<>();

    @Override
    public ObjectNode apply(ObjectNode desired, boolean dryRun) {
        return write(desired, WriteOptions.serverSideApply(dryRun));
    }

    @Override
    public ObjectNode write(ObjectNode desired, WriteOptions options) {
        ResourceKey key = ResourceKey.of(desired);
        if ("broken".equals(key.name())) {
            throw new ClusterWriteException(key + ": data: Invalid value", 422, null);
        }
        if ("Gadget".equals(key.kind()) && objects.keySet().stream().noneMatch(k -> k.kind().equals("CustomResourceDefinition"))) {
            throw new ClusterWriteException(key + ": the server could not find the requested resource", 404, null);
        }
        ObjectNode stored = desired.deepCopy();
        Meta.metadata(stored).put("generation", 1);
        if (options.dryRun()) {
            return stored;
        }
        calls.add("write " + key.kind() + "/" + key.name() + " (" + options.strategy() + (options.force() ? ",force" : "")
                + (options.validate() ? "" : ",novalidate") + ")");
        objects.put(key, stored);
        return stored;
    }

    @Override
    public void delete(ResourceKey key, String apiVersion) {
        delete(key, apiVersion, DeletePropagation.BACKGROUND);
    }

    @Override
    public void delete(ResourceKey key, String apiVersion, DeletePropagation propagation) {
        calls.add("delete " + key.kind() + "/" + key.name() + " (" + propagation + ")");
        objects.remove(key);
    }

    @Override
    public Optional<ObjectNode> get(ResourceKey key, String apiVersion) {
        return Optional.ofNullable(objects.get(key)).map(ObjectNode::deepCopy);
    }

    ObjectNode find(String kind, String name) {
        return objects.entrySet().stream().filter(e -> e.getKey().kind().equals(kind) && e.getKey().name().equals(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    List<String> writes() {
        return calls.stream().filter(c -> c.startsWith("write ")).map(c -> c.substring(6, c.indexOf(" ("))).toList();
    }

    void finishJob(String name, boolean succeeded) {
        ObjectNode job = find("Job", name);
        ObjectNode condition = job.putObject("status").putArray("conditions").addObject()
                .put("type", succeeded ? "Complete" : "Failed").put("status", "True");
        if (!succeeded) {
            condition.put("message", "Job has reached the specified backoff limit");
        }
    }

    void rollOut(String name) {
        ObjectNode deployment = find("Deployment", name);
        ObjectNode status = deployment.putObject("status");
        status.put("observedGeneration", 1).put("replicas", 1).put("updatedReplicas", 1).put("readyReplicas", 1)
                .put("availableReplicas", 1);
        status.putArray("conditions").addObject().put("type", "Available").put("status", "True");
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("test YAML does not parse: " + text, e);
        }
    }
}
