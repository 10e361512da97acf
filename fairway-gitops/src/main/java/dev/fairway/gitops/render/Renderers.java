package dev.fairway.gitops.render;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The renderer the engine uses, and every command that must show what the engine would apply
 * ({@code fairway render}, {@code fairway setup}'s check): plain directories, kustomize built in
 * Java (kubectl only for features it lacks), helm when available, and the destination namespace
 * given to namespaced objects that name none.
 */
public final class Renderers {

    /** How long an external tool (kubectl kustomize, helm) may take for one rendering. */
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(90);

    private Renderers() {}

    /** @param scratch where external tools may write temporary files */
    public static Renderer standard(Path scratch) {
        return standard(scratch, BUILT_IN);
    }

    /** The built-in kustomize renderer (kubectl only for features it lacks). */
    public static final String BUILT_IN = "builtin";

    /**
     * @param kustomize {@value #BUILT_IN}, {@code kubectl} (always {@code kubectl kustomize}), or the
     *     path of a {@code kustomize} binary (always {@code kustomize build})
     * @throws IllegalArgumentException for a path that is not an executable file
     */
    public static Renderer standard(Path scratch, String kustomize) {
        return new DestinationNamespace(new SourceRenderer(new DirectoryRenderer(), kustomize(kustomize, scratch),
                HelmRenderer.unavailable()), ClusterScopedKinds.builtIn());
    }

    private static KustomizeRenderer kustomize(String choice, Path scratch) {
        if (choice == null || choice.isBlank() || choice.equals(BUILT_IN)) {
            return KustomizeRenderer.builtIn(TOOL_TIMEOUT, scratch);
        }
        if (choice.equals("kubectl")) {
            return KustomizeRenderer.kubectl(TOOL_TIMEOUT, scratch);
        }
        Path binary = Path.of(choice);
        if (!java.nio.file.Files.isRegularFile(binary) || !java.nio.file.Files.isExecutable(binary)) {
            throw new IllegalArgumentException("kustomize renderer \"" + choice + "\": give builtin, kubectl, or the path of an "
                    + "executable kustomize binary");
        }
        return KustomizeRenderer.binary(binary, TOOL_TIMEOUT, scratch);
    }
}
