package dev.fairway.gitops.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** Deletes a directory tree that may contain read-only files and directories (our snapshots). */
final class DirectoryTrees {

    private DirectoryTrees() {}

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (var walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                path.toFile().setWritable(true, true);
            }
            if (path.getParent() != null) {
                path.getParent().toFile().setWritable(true, true);
            }
            Files.deleteIfExists(path);
        }
    }
}
