package dev.fairway.gitops.render.kustomize;

/**
 * The kustomization uses a feature the built-in builder does not implement (helm charts,
 * replacements, plugins, remote resources...). Not the user's mistake: the caller may build the
 * kustomization with {@code kubectl kustomize} instead.
 */
public final class UnsupportedKustomization extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    public UnsupportedKustomization(String file, int line, String field) {
        super((line > 0 ? file + ":" + line : file) + ": uses " + field
                + ", which the built-in kustomize renderer does not support yet");
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The kustomization file, relative to the repository root. */
    public String file() {
        return file;
    }

    /** The line of the field, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The kustomization field (or feature) that is not supported, e.g. {@code helmCharts}. */
    public String field() {
        return field;
    }
}
