package dev.fairway.gitops.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository with a work tree, made with JGit for tests. */
public final class TestRepository implements AutoCloseable {

    private final Git git;
    private final Path directory;

    private TestRepository(Git git, Path directory) {
        this.git = git;
        this.directory = directory;
    }

    /** A new repository whose default branch is {@code main}. */
    public static TestRepository create(Path directory) {
        try {
            Files.createDirectories(directory);
            return new TestRepository(Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call(),
                    directory);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The URL an application would use: {@code file://} and the path. */
    public String url() {
        return directory.toUri().toString();
    }

    /** Writes the files (path relative to the repository, text), commits them all, returns the SHA. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                if (file.getValue() == null) {
                    Files.deleteIfExists(path);
                } else {
                    Files.writeString(path, file.getValue());
                }
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                    .setCommitter("Test", "test@example.com").call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void branch(String name) {
        call(() -> git.checkout().setCreateBranch(true).setName(name).call());
    }

    public void switchTo(String name) {
        call(() -> git.checkout().setName(name).call());
    }

    public void lightweightTag(String name) {
        call(() -> git.tag().setName(name).setAnnotated(false).call());
    }

    public void annotatedTag(String name) {
        call(() -> git.tag().setName(name).setAnnotated(true).setMessage("release " + name)
                .setTagger(new org.eclipse.jgit.lib.PersonIdent("Test", "test@example.com")).call());
    }

    private interface GitCall {
        Object call() throws GitAPIException;
    }

    private static void call(GitCall call) {
        try {
            call.call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
