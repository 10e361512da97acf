package dev.fairway.gitops.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of one commit into a directory, straight from the object database (a bare mirror
 * has no work tree or index to check out into). The directory appears atomically: files are
 * written to a temporary sibling that is renamed into place, so a crash never leaves a half
 * snapshot under the commit's name. Files are made read-only because snapshots are shared.
 *
 * <p>Like Argo CD, a symbolic link that points outside the repository is refused. Submodules
 * become empty directories, as after a plain {@code git clone}.
 */
final class SnapshotWriter {

    Path write(Repository repository, String commitSha, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            return target;
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(".tmp-" + commitSha + "-" + UUID.randomUUID());
        try {
            writeTree(repository, commitSha, temporary);
            makeReadOnly(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                // Another caller wrote the same commit first; the content is identical.
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
        } finally {
            DirectoryTrees.delete(temporary);
        }
        return target;
    }

    private static void writeTree(Repository repository, String commitSha, Path root) throws IOException {
        Files.createDirectories(root);
        List<Path> links = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
                TreeWalk tree = new TreeWalk(repository, reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(commitSha));
            tree.addTree(commit.getTree());
            tree.setRecursive(false);
            while (tree.next()) {
                Path path = root.resolve(tree.getPathString());
                FileMode mode = tree.getFileMode(0);
                if (tree.isSubtree()) {
                    Files.createDirectories(path);
                    tree.enterSubtree();
                } else if (mode == FileMode.GITLINK) {
                    Files.createDirectories(path);
                } else if (mode == FileMode.SYMLINK) {
                    String linkTarget = new String(reader.open(tree.getObjectId(0)).getBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    Files.createSymbolicLink(path, Path.of(linkTarget));
                    links.add(path);
                } else {
                    ObjectLoader blob = reader.open(tree.getObjectId(0));
                    try (InputStream in = blob.openStream()) {
                        Files.copy(in, path);
                    }
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        for (Path link : links) {
            Path resolved = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            if (!resolved.startsWith(root)) {
                throw new OutOfBoundsSymlinkException(root.relativize(link) + " points outside the repository to "
                        + Files.readSymbolicLink(link));
            }
        }
    }

    private static void makeReadOnly(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path) || !supportsPosix(path)) {
                    continue;
                }
                boolean executable = Files.isDirectory(path) || Files.isExecutable(path);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A symbolic link in the commit that leaves the repository. */
    static final class OutOfBoundsSymlinkException extends IOException {
        OutOfBoundsSymlinkException(String message) {
            super(message);
        }
    }
}
