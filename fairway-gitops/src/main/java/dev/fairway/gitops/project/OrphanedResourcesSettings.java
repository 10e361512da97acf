package dev.fairway.gitops.project;

import java.util.List;

/**
 * {@code spec.orphanedResources}: when present, the objects in an application's destination
 * namespace that no application manages are listed; with {@code warn: true} the application also
 * gets an {@code OrphanedResourceWarning} condition. {@code ignore} leaves objects out.
 */
public record OrphanedResourcesSettings(boolean warn, List<IgnoreRule> ignore) {

    public OrphanedResourcesSettings {
        ignore = List.copyOf(ignore);
    }

    /**
     * An {@code ignore} entry: group, kind and name globs. An empty kind or name matches any;
     * an empty group matches only the core group.
     */
    public record IgnoreRule(String group, String kind, String name) {

        public boolean matches(String objectGroup, String objectKind, String objectName) {
            return (kind.isEmpty() || ArgoGlob.matches(kind, objectKind, ""))
                    && ArgoGlob.matches(group, objectGroup, "")
                    && (name.isEmpty() || ArgoGlob.matches(name, objectName, ""));
        }
    }

    static OrphanedResourcesSettings parse(ProjectFields f) {
        List<IgnoreRule> ignore = f.objects("ignore").stream().map(i -> {
            var rule = new IgnoreRule(i.string("group", ""), i.string("kind", ""), i.string("name", ""));
            for (String[] field : new String[][] {{"group", rule.group()}, {"kind", rule.kind()}, {"name", rule.name()}}) {
                String problem = ArgoGlob.problem(field[1], "");
                if (problem != null) {
                    throw i.error(field[0], problem);
                }
            }
            return rule;
        }).toList();
        return new OrphanedResourcesSettings(f.bool("warn"), ignore);
    }
}
