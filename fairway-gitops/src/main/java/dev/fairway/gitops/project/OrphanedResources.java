package dev.fairway.gitops.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.Meta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds the objects in an application's destination namespace that no application manages, when
 * the project asks for it ({@code spec.orphanedResources}), as Argo CD does: top-level objects
 * (no owner) not tracked by this application nor by another existing one, plus what they own;
 * leaving out the project's {@code ignore} entries, kinds the project does not permit, and what
 * Kubernetes puts in every namespace (ServiceAccount {@code default}, ConfigMap
 * {@code kube-root-ca.crt}, and Service {@code kubernetes} in {@code default}).
 */
public final class OrphanedResources {

    private final ProjectPolicy policy;
    private final Function<JsonNode, Optional<String>> managedBy;
    private final Predicate<String> applicationExists;

    /**
     * @param managedBy the application an object is tracked by, e.g. {@code TrackingMethod::applicationOf}
     * @param applicationExists whether an application of that (instance) name exists
     */
    public OrphanedResources(ProjectPolicy policy, Function<JsonNode, Optional<String>> managedBy,
            Predicate<String> applicationExists) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.managedBy = Objects.requireNonNull(managedBy, "managedBy");
        this.applicationExists = Objects.requireNonNull(applicationExists, "applicationExists");
    }

    /**
     * The orphans of one application.
     *
     * @param appInstance the name the application's objects are tracked by
     * @param live the live objects of the destination namespace (others are ignored)
     */
    public OrphanReport find(ApplicationRef app, String appInstance, Collection<? extends JsonNode> live) {
        Optional<OrphanedResourcesSettings> settings = policy.project().orphanedResources();
        if (settings.isEmpty()) {
            return OrphanReport.notMonitored();
        }
        String namespace = app.destination().namespace();
        Map<String, List<JsonNode>> childrenByOwnerUid = new HashMap<>();
        List<JsonNode> roots = new ArrayList<>();
        for (JsonNode object : live) {
            if (!namespace.equals(Meta.namespace(object))) {
                continue;
            }
            JsonNode owners = Meta.at(object, "metadata", "ownerReferences");
            if (owners == null || !owners.isArray() || owners.isEmpty()) {
                roots.add(object);
            } else {
                owners.forEach(o -> childrenByOwnerUid.computeIfAbsent(o.path("uid").asText(), k -> new ArrayList<>())
                        .add(object));
            }
        }
        List<ResourceKey> orphans = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        for (JsonNode root : roots) {
            ResourceKey key = ResourceKey.of(root);
            if (appInstance.equals(managedBy.apply(root).orElse(null))
                    || !policy.project().isGroupKindNamePermitted(key.groupKind(), key.name(), true)
                    || isKnownExclusion(key, settings.get())) {
                continue;
            }
            pending.add(root);
        }
        while (!pending.isEmpty()) {
            JsonNode object = pending.poll();
            ResourceKey key = ResourceKey.of(object);
            Optional<String> owner = managedBy.apply(object);
            if (owner.isPresent() && (owner.get().equals(appInstance) || applicationExists.test(owner.get()))) {
                continue; // it, and what it owns, belongs to an application
            }
            if (!policy.isResourcePermitted(app, key) || orphans.contains(key)) {
                continue;
            }
            orphans.add(key);
            String uid = Meta.text(object.get("metadata"), "uid");
            if (uid != null) {
                pending.addAll(childrenByOwnerUid.getOrDefault(uid, List.of()));
            }
        }
        orphans.sort(null); // group, kind, namespace, name
        return new OrphanReport(true, orphans, settings.get().warn() && !orphans.isEmpty()
                ? Optional.of("Application has " + orphans.size() + " orphaned resources") : Optional.empty());
    }

    /** Objects Kubernetes creates in namespaces by itself, and the project's ignore list. */
    static boolean isKnownExclusion(ResourceKey key, OrphanedResourcesSettings settings) {
        GroupKind gk = key.groupKind();
        if (key.namespace().equals("default") && gk.group().isEmpty() && gk.kind().equals("Service")
                && key.name().equals("kubernetes")) {
            return true;
        }
        if (gk.group().isEmpty() && gk.kind().equals("ServiceAccount") && key.name().equals("default")) {
            return true;
        }
        if (gk.group().isEmpty() && gk.kind().equals("ConfigMap") && key.name().equals("kube-root-ca.crt")) {
            return true;
        }
        return settings.ignore().stream().anyMatch(i -> i.matches(gk.group(), gk.kind(), key.name()));
    }
}
