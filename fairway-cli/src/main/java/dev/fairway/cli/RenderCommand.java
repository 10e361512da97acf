package dev.fairway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderRequest;
import dev.fairway.gitops.render.Renderers;
import dev.fairway.gitops.render.SourceOptions;
import dev.fairway.kube.Json;
import dev.fairway.kube.yaml.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway render PATH}: what the engine would apply for a directory or kustomization, with
 * the same renderers, in YAML with each object's source file and line.
 */
@Command(name = "render", description = "Print what the engine would apply for a path (directory or kustomization).")
final class RenderCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "A directory of manifests or a kustomization.")
    Path path;

    @Option(names = {"-n", "--namespace"}, description = "The destination namespace, given to namespaced objects that name none.")
    String namespace;

    @Option(names = "--recurse", description = "Read subdirectories too (directory.recurse).")
    boolean recurse;

    @Override
    public Integer call() throws Exception {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            System.err.println("error: " + path + " is not a directory: give the directory that holds the manifests or the kustomization");
            return 2;
        }
        Path root = gitRoot(dir);
        ObjectNode source = Json.object();
        if (recurse) {
            source.putObject("directory").put("recurse", true);
        }
        Path scratch = Files.createTempDirectory("fairway-render-");
        try {
            var renderer = Renderers.standard(scratch);
            List<Manifest> manifests = renderer.render(new RenderRequest(root, "working-tree", root.relativize(dir).toString(),
                    SourceOptions.fromSource("render", source), namespace));
            boolean first = true;
            for (Manifest m : manifests) {
                if (!first) {
                    System.out.println("---");
                }
                first = false;
                System.out.println("# Source: " + m.location());
                System.out.print(Json.yaml(m.object()));
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } finally {
            try (var s = Files.walk(scratch)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The enclosing git work tree (so that kustomizations may refer to ../base), else the directory itself. */
    private static Path gitRoot(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return dir;
    }
}
