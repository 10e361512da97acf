package dev.fairway.gitops.render;

/**
 * {@code spec.source.directory}: whether to read subdirectories, and which files, by globs on the
 * path relative to the application's directory.
 *
 * @param include a glob; empty means every manifest file
 * @param exclude a glob; empty means none
 */
public record DirectoryOptions(boolean recurse, String include, String exclude) {

    public static DirectoryOptions defaults() {
        return new DirectoryOptions(false, "", "");
    }

    static DirectoryOptions parse(SourceFields directory) {
        return new DirectoryOptions(directory.field("recurse").bool(), directory.field("include").text(""),
                directory.field("exclude").text(""));
    }
}
