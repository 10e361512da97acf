package dev.fairway.gitops.render.kustomize;

import java.util.Set;

/**
 * {@code namePrefix} or {@code nameSuffix}: renames every object but CRDs, APIServices and
 * Namespaces, remembering the old name so that references can follow at the end of the build.
 */
record NameAffixTransformer(String affix, boolean prefix) {

    private static final Set<String> KEEP_NAMES = Set.of("CustomResourceDefinition", "Namespace");

    void apply(ResourceSet resources) {
        for (Resource resource : resources.resources()) {
            ResId original = resource.originalId();
            if (KEEP_NAMES.contains(original.kind())
                    || original.kind().equals("APIService") && original.group().equals("apiregistration.k8s.io")) {
                continue;
            }
            if (affix.isEmpty()) {
                continue;
            }
            (prefix ? resource.prefixes() : resource.suffixes()).add(affix);
            resource.storePreviousId();
            resource.setName(prefix ? affix + resource.name() : resource.name() + affix);
        }
    }
}
