package dev.fairway.gitops.project;

import dev.fairway.kube.GroupKind;

/**
 * An entry of {@code clusterResourceWhitelist} or {@code clusterResourceBlacklist}: group, kind
 * and optionally name, each in Go's {@code filepath.Match} syntax. Without a name every object
 * of the kind matches.
 */
public record ClusterResourceRule(String group, String kind, String name) {

    static ClusterResourceRule parse(ProjectFields f) {
        var rule = new ClusterResourceRule(f.string("group", ""), GroupKindRule.requiredKind(f), f.string("name", ""));
        GroupKindRule.check(f, "group", rule.group);
        GroupKindRule.check(f, "kind", rule.kind);
        GroupKindRule.check(f, "name", rule.name);
        return rule;
    }

    public boolean matches(GroupKind gk, String objectName) {
        return PathPattern.compile(kind).matches(gk.kind()) && PathPattern.compile(group).matches(gk.group())
                && (name.isEmpty() || PathPattern.compile(name).matches(objectName == null ? "" : objectName));
    }
}
