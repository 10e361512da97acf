package dev.fairway.cli.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git work tree {@code fairway setup} runs in (or is given with {@code --repo}): where its
 * root is, which commit a revision names, its {@code origin} URL, and whether the platform
 * directory has changes the engine cannot see (it reads commits, not the work tree).
 */
public final class LocalRepository implements AutoCloseable {

    private final Repository repository;
    private final Path root;

    private LocalRepository(Repository repository, Path root) {
        this.repository = repository;
        this.root = root;
    }

    /**
     * Opens the work tree holding {@code dir}.
     *
     * @throws IllegalArgumentException saying what to do when {@code dir} is not in a git work tree
     */
    public static LocalRepository open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IllegalArgumentException(dir + " is not a directory: give --repo the git work tree that holds the cluster directory");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(abs.toFile());
        if (builder.getGitDir() == null) {
            throw new IllegalArgumentException(abs + " is not in a git work tree; the engine reads commits, so commit the "
                    + "platform first ('git init && git add -A && git commit -m platform') or pass --repo URL");
        }
        Repository repository = builder.setMustExist(true).build();
        if (repository.isBare()) {
            repository.close();
            throw new IllegalArgumentException(abs + " is a bare repository: give --repo a work tree");
        }
        return new LocalRepository(repository, repository.getWorkTree().toPath().toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    /**
     * The commit a branch, tag, SHA or HEAD names, as the engine will resolve it.
     *
     * @throws IllegalArgumentException when the repository has no such revision (or no commit at all)
     */
    public String resolve(String revision) throws IOException {
        String rev = revision == null || revision.isEmpty() ? "HEAD" : revision;
        ObjectId id = repository.resolve(rev + "^{commit}");
        if (id == null) {
            throw new IllegalArgumentException(root + " has no revision \"" + rev + "\""
                    + ("HEAD".equals(rev) ? " (no commit yet: commit the platform first)" : ": give --revision a branch, tag or commit it has"));
        }
        return id.name();
    }

    /**
     * Whether {@code actual} is {@code expected} or a newer commit that contains it (someone
     * committed to the followed branch meanwhile). False for commits this clone does not have.
     */
    public boolean reached(String expected, String actual) {
        if (actual == null || actual.isEmpty()) {
            return false;
        }
        if (expected.equals(actual)) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId a = repository.resolve(actual);
            ObjectId e = repository.resolve(expected);
            return a != null && e != null && walk.isMergedInto(walk.parseCommit(e), walk.parseCommit(a));
        } catch (IOException ex) {
            return false;
        }
    }

    /** The URL of the {@code origin} remote, if there is one. */
    public Optional<String> originUrl() {
        String url = repository.getConfig().getString("remote", "origin", "url");
        return Optional.ofNullable(url).filter(u -> !u.isBlank());
    }

    /** Files under {@code path} (relative to the root) that differ from the last commit, and untracked ones. */
    public Set<String> uncommitted(String path) throws IOException {
        try (Git git = new Git(repository)) {
            var command = git.status();
            if (!path.isEmpty()) {
                command.addPath(path);
            }
            Status status = command.call();
            Set<String> files = new TreeSet<>();
            files.addAll(status.getModified());
            files.addAll(status.getChanged());
            files.addAll(status.getAdded());
            files.addAll(status.getRemoved());
            files.addAll(status.getMissing());
            files.addAll(status.getUntracked());
            return files;
        } catch (GitAPIException e) {
            throw new IOException("git status of " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
