package dev.fairway.cli;

import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.cli.platform.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code fairway clusters}: the local clusters under {@code $FAIRWAY_HOME} and whether their servers run. */
@Command(name = "clusters", description = "List the clusters under $FAIRWAY_HOME with their state.")
final class ClustersCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path root = FairwayHome.root().resolve("clusters");
        List<Path> dirs = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(Files::isDirectory).sorted().forEach(dirs::add);
            }
        }
        if (dirs.isEmpty()) {
            System.out.println("no clusters under " + root + ": create one with 'fairway setup NAME'");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Path d : dirs) {
            rows.add(row(d));
        }
        Tables.print(System.out, List.of("NAME", "STATE", "TYPE", "MODE", "URL", "PATH"), rows);
        return 0;
    }

    static List<String> row(Path dir) throws Exception {
        Optional<ClusterSettings> s = ClusterSettings.read(dir);
        Optional<Long> pid = ServerProcess.running(dir);
        String state = pid.map(p -> "running (pid " + p + ")").orElse("stopped");
        String url = pid.isPresent() && Files.exists(dir.resolve(ServerInfo.FILE)) ? ServerInfo.read(dir).url() : "-";
        String mode = s.map(c -> c.sandbox() ? "sandbox" : "kubeconfig").orElse("sandbox");
        String type = s.map(c -> c.type() == null ? "-" : c.type()).orElse("-");
        String path = s.map(ClusterSettings::sourcePath).orElse("-");
        if (s.isPresent() && !s.get().sandbox()) {
            state = "external";
        }
        return List.of(dir.getFileName().toString(), state, type, mode, url, path);
    }
}
