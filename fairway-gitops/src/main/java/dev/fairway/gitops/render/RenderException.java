package dev.fairway.gitops.render;

/**
 * An application's source cannot be rendered. The message is meant for the application's
 * ComparisonError as is: {@code apps/idp/kustomization.yaml: kustomize build failed: ...}.
 */
public final class RenderException extends RuntimeException {

    private final String file;
    private final int line;

    /**
     * @param file the file at fault, relative to the repository root
     * @param line its 1-based line, or 0 when the problem is not at one line
     */
    public RenderException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    public RenderException(String file, int line, String problem, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
