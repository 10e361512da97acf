package dev.fairway.gitops.app;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code spec.syncPolicy.syncOptions}, or the {@code argocd.argoproj.io/sync-options} annotation
 * of one object: {@code Name=value} entries such as {@code CreateNamespace=true}.
 */
public record SyncOptions(List<String> entries) {

    public SyncOptions {
        entries = List.copyOf(entries);
    }

    public static SyncOptions none() {
        return new SyncOptions(List.of());
    }

    /** Reads the comma-separated form of the per-object annotation. */
    public static SyncOptions fromAnnotation(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        return new SyncOptions(List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** Options that take true or false; a typo in the value would otherwise silently mean "off". */
    private static final List<String> BOOLEAN_OPTIONS = List.of("CreateNamespace", "ApplyOutOfSyncOnly", "ServerSideApply",
            "Replace", "Validate", "Force", "PruneLast", "FailOnSharedResource", "RespectIgnoreDifferences",
            "SkipDryRunOnMissingResource", "Prune", "Delete");

    static SyncOptions parse(SpecFields f, String field) {
        List<String> entries = f.strings(field);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (!entry.contains("=")) {
                throw new InvalidSpecError(f.path(field) + "[" + i + "]",
                        "must be Name=value (e.g. CreateNamespace=true), not \"" + entry + "\"");
            }
            String name = entry.substring(0, entry.indexOf('=')).strip();
            String value = entry.substring(entry.indexOf('=') + 1).strip();
            if (BOOLEAN_OPTIONS.stream().anyMatch(name::equalsIgnoreCase)
                    && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new InvalidSpecError(f.path(field) + "[" + i + "]", name + " must be true or false, not \"" + value + "\"");
            }
            if (name.equalsIgnoreCase("PrunePropagationPolicy")
                    && !List.of("foreground", "background", "orphan").contains(value.toLowerCase(Locale.ROOT))) {
                throw new InvalidSpecError(f.path(field) + "[" + i + "]",
                        "PrunePropagationPolicy must be foreground, background or orphan, not \"" + value + "\"");
            }
        }
        return new SyncOptions(entries);
    }

    /** These options, then {@code fallback}'s for names these do not set (an object's options over the application's). */
    public SyncOptions orElse(SyncOptions fallback) {
        List<String> all = new java.util.ArrayList<>(entries);
        all.addAll(fallback.entries);
        return new SyncOptions(all);
    }

    /** The value of an option, compared without regard to case of the name. */
    public Optional<String> value(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + "=";
        for (String entry : entries) {
            if (entry.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return Optional.of(entry.substring(prefix.length()).strip());
            }
        }
        return Optional.empty();
    }

    /** True when the option is set to {@code true}. */
    public boolean isTrue(String name) {
        return value(name).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** True when the option is set to {@code false}. */
    public boolean isFalse(String name) {
        return value(name).map("false"::equalsIgnoreCase).orElse(false);
    }
}
