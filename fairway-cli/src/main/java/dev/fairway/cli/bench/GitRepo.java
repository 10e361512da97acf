package dev.fairway.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmarks' git repositories, driven with the git command as a user would. */
final class GitRepo {

    private final Path dir;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** {@code git init -b main} in {@code dir}. */
    static GitRepo init(Path dir) throws Exception {
        GitRepo repo = new GitRepo(dir);
        repo.git("init", "-q", "-b", "main");
        return repo;
    }

    /** Commits everything in the work tree. */
    void commitAll(String message) throws Exception {
        git("add", "-A");
        git("-c", "user.email=bench@fairway.dev", "-c", "user.name=bench", "commit", "-qm", message);
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("git is not installed: the benchmark keeps its manifests in a git repository; install git", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + output);
        }
    }
}
