package dev.fairway.kube.yaml;

/**
 * A manifest file the user wrote cannot be read. The message is meant to be shown as is:
 * {@code apps/idp/deploy.yaml:12: mapping values are not allowed here}.
 */
public final class ManifestException extends RuntimeException {

    private final String file;
    private final int line;
    private final String problem;

    /**
     * @param line the 1-based line of the problem, or 0 when the problem is the whole file
     *     (for example it cannot be opened)
     */
    public ManifestException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    public ManifestException(String file, int line, String problem, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
