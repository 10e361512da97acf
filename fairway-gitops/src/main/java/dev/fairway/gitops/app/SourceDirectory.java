package dev.fairway.gitops.app;

/** {@code spec.source.directory}: how a plain directory of manifests is read. */
public record SourceDirectory(boolean recurse, String include, String exclude) {

    static SourceDirectory parse(SpecFields f) {
        return new SourceDirectory(f.bool("recurse", false), f.string("include", ""), f.string("exclude", ""));
    }
}
