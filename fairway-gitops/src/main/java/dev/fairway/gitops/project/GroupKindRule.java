package dev.fairway.gitops.project;

import dev.fairway.kube.GroupKind;

/**
 * An entry of {@code namespaceResourceWhitelist} or {@code namespaceResourceBlacklist}: group
 * and kind, each a pattern in Go's {@code filepath.Match} syntax ({@code *}, {@code ?},
 * {@code [a-z]}); {@code group: ""} is the core group.
 */
public record GroupKindRule(String group, String kind) {

    static GroupKindRule parse(ProjectFields f) {
        var rule = new GroupKindRule(f.string("group", ""), requiredKind(f));
        check(f, "group", rule.group);
        check(f, "kind", rule.kind);
        return rule;
    }

    public boolean matches(GroupKind gk) {
        return PathPattern.compile(kind).matches(gk.kind()) && PathPattern.compile(group).matches(gk.group());
    }

    static String requiredKind(ProjectFields f) {
        if (!f.has("kind")) {
            throw f.error("kind", "required; give a kind such as Deployment, or * for every kind");
        }
        return f.string("kind", "");
    }

    static void check(ProjectFields f, String field, String pattern) {
        try {
            PathPattern.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw f.error(field, e.getMessage());
        }
    }
}
