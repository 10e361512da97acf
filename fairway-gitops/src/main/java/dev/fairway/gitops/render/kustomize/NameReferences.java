package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fairway.gitops.render.RenderException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Once every object has its final name, makes the fields that name other objects (a
 * Deployment's ConfigMap volume, an Ingress backend's Service, a RoleBinding's role and
 * subjects...) follow the renames, as kustomize's name reference transformer does: an object is
 * a candidate when one of its earlier names is the name written, it is of the referred kind and
 * it can be seen from the referrer's namespace; ties are broken by the prefixes and suffixes
 * both got.
 */
final class NameReferences {

    private final List<DefaultFieldSpecs.NameReference> references;
    private final String file;

    NameReferences(List<DefaultFieldSpecs.NameReference> references, String file) {
        this.references = references;
        this.file = file;
    }

    void apply(ResourceSet resources) {
        for (Resource referrer : resources.resources()) {
            ResId origin = referrer.originalId();
            List<Resource> visible = null;
            for (DefaultFieldSpecs.NameReference reference : references) {
                for (FieldSpec spec : reference.referrers()) {
                    if (!spec.appliesTo(origin)) {
                        continue;
                    }
                    if (visible == null) {
                        visible = visibleFrom(referrer, resources.resources());
                    }
                    List<Resource> candidates = visible;
                    spec.visit(referrer.object(), (parent, field) -> update(parent, field, referrer, reference, spec,
                            candidates));
                }
            }
        }
    }

    /** The objects a referrer may name: all for a cluster-scoped referrer, else those of its namespace and cluster-scoped ones. */
    private static List<Resource> visibleFrom(Resource referrer, List<Resource> all) {
        ResId id = referrer.currentId();
        if (id.clusterScoped()) {
            return all;
        }
        Set<String> subjectNamespaces = new HashSet<>();
        if (id.kind().equals("RoleBinding")) {
            for (JsonNode subject : referrer.object().path("subjects")) {
                if (subject.has("namespace") && "ServiceAccount".equals(subject.path("kind").asText())) {
                    subjectNamespaces.add(subject.path("namespace").asText());
                }
            }
        }
        List<Resource> visible = new ArrayList<>();
        for (Resource candidate : all) {
            ResId candidateId = candidate.currentId();
            if (candidateId.clusterScoped() || candidateId.effectiveNamespace().equals(id.effectiveNamespace())
                    || subjectNamespaces.contains(candidate.namespace())) {
                visible.add(candidate);
            }
        }
        return visible;
    }

    private void update(ObjectNode parent, String field, Resource referrer, DefaultFieldSpecs.NameReference reference,
            FieldSpec spec, List<Resource> candidates) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isTextual()) {
            Resource referral = select(value.asText(), candidates, referrer, reference, spec, false);
            if (referral != null && !referral.name().equals(value.asText())) {
                parent.put(field, referral.name());
            }
        } else if (value instanceof ObjectNode map) {
            updateMapping(map, referrer, reference, spec, candidates);
        } else if (value instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (item.isTextual()) {
                    Resource referral = select(item.asText(), candidates, referrer, reference, spec, false);
                    if (referral != null) {
                        list.set(i, TextNode.valueOf(referral.name()));
                    }
                } else if (item instanceof ObjectNode map) {
                    updateMapping(map, referrer, reference, spec, candidates);
                }
            }
        }
    }

    /** A {name, namespace} reference such as a RoleBinding subject or a webhook's service. */
    private void updateMapping(ObjectNode map, Resource referrer, DefaultFieldSpecs.NameReference reference,
            FieldSpec spec, List<Resource> candidates) {
        JsonNode name = map.get("name");
        if (name == null) {
            throw new RenderException(file, 0, referrer + " (from " + referrer.origin() + ") has an entry at "
                    + spec.path() + " without a name");
        }
        List<Resource> inNamespace = candidates;
        if (map.has("namespace")) {
            String namespace = new ResId("", "v1", "ServiceAccount", "", map.path("namespace").asText())
                    .effectiveNamespace();
            List<Resource> byOriginal = candidates.stream()
                    .filter(c -> c.originalId().effectiveNamespace().equals(namespace)).toList();
            inNamespace = !byOriginal.isEmpty() ? byOriginal
                    : candidates.stream().filter(c -> c.currentId().effectiveNamespace().equals(namespace)).toList();
        }
        Resource referral = select(name.asText(), inNamespace, referrer, reference, spec, true);
        if (referral == null || referral.name().equals(name.asText()) && referral.namespace().isEmpty()) {
            return;
        }
        map.put("name", referral.name());
        if (!referral.namespace().isEmpty()) {
            map.put("namespace", referral.namespace());
        }
    }

    private Resource select(String oldName, List<Resource> all, Resource referrer,
            DefaultFieldSpecs.NameReference reference, FieldSpec spec, boolean mapping) {
        List<Resource> candidates = sieve(all, r -> r.previousIds().stream().anyMatch(id -> id.name().equals(oldName)));
        candidates = sieve(candidates, r -> r.previousIds().stream()
                .anyMatch(id -> id.selectedBy(reference.group(), reference.version(), reference.kind())));
        if (spec.path().endsWith("roleRef/name")) {
            JsonNode roleRef = referrer.object().path("roleRef");
            if (roleRef.has("apiGroup") && roleRef.has("kind")) {
                String group = roleRef.path("apiGroup").asText();
                String kind = roleRef.path("kind").asText();
                candidates = sieve(candidates, r -> r.previousIds().stream()
                        .anyMatch(id -> id.selectedBy(group, "", kind)));
            }
        }
        ResId referrerId = referrer.currentId();
        if (!referrerId.clusterScoped()) {
            candidates = sieve(candidates, r -> r.currentId().clusterScoped() || r.kind().equals("ServiceAccount")
                    || r.currentId().effectiveNamespace().equals(referrerId.effectiveNamespace()));
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        candidates = sieve(candidates, r -> r.sameAffixes(referrer, true));
        if (candidates.size() > 1) {
            candidates = sieve(candidates, r -> r.sameAffixes(referrer, false));
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Resource first = candidates.get(0);
        boolean identical = candidates.stream().allMatch(r -> r.name().equals(first.name())
                && (!mapping || r.namespace().equals(first.namespace())));
        if (candidates.size() == 1 || identical) {
            return first;
        }
        throw new RenderException(file, 0, referrer + " (from " + referrer.origin() + ") names " + oldName + " at "
                + spec.path() + ", which could be any of " + candidates + "; give the objects distinct names or"
                + " namespaces");
    }

    private static List<Resource> sieve(List<Resource> resources, Predicate<Resource> keep) {
        return resources.stream().filter(keep).toList();
    }
}
