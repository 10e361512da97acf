package dev.fairway.gitops.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.kustomize.KustomizeBuilder;
import dev.fairway.gitops.render.kustomize.UnsupportedKustomization;
import dev.fairway.kube.Json;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a kustomization. {@link #builtIn} (the default) builds it in Java with
 * {@link KustomizeBuilder}, which needs no tool on the machine; only a kustomization that uses a
 * feature the builder lacks ({@link UnsupportedKustomization}: helm charts, replacements,
 * plugins, remote resources...) is handed to {@code kubectl kustomize}, and when kubectl is not
 * installed either, the error names the field and says to install it. {@link #kubectl} and
 * {@link #binary} always run the tool, as Argo CD does.
 *
 * <p>Built in, the application's {@code spec.source.kustomize} options are applied to the
 * kustomization tree in memory ({@link KustomizationEdit}) and every object's source is the file
 * and line it was written at.
 *
 * <p>With the tool, and without {@code spec.source.kustomize} options, the build runs in the read-only snapshot.
 * With options, the repository is laid out in a temporary directory (hard links where the file
 * system allows, copies otherwise; the whole repository so that {@code ../base} still resolves),
 * the kustomization there is replaced by the edited one ({@link KustomizationEdit}), and the
 * build runs on that. Every object's source is the kustomization file, line 1: kustomize output
 * does not say which file an object came from.
 */
public final class KustomizeRenderer implements Renderer {

    /** The file names kustomize looks for, in its order. */
    public static final List<String> KUSTOMIZATION_NAMES = List.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");

    private static final Logger LOG = LoggerFactory.getLogger(KustomizeRenderer.class);

    /** Who builds kustomizations. */
    public enum Engine {
        /** {@link KustomizeBuilder}, falling back to {@code kubectl kustomize} for what it does not support. */
        BUILT_IN,
        /** Always the external command ({@code kubectl kustomize} or {@code kustomize build}). */
        EXTERNAL
    }

    private final Engine engine;
    private final List<String> buildCommand;
    private final Duration timeout;
    private final Path scratch;
    private final ManifestReader reader = new ManifestReader();

    /**
     * @param buildCommand the command before the directory argument, e.g. {@code [kubectl, kustomize]}
     * @param scratch where temporary copies go (best on the same file system as the snapshots, so
     *     that hard links work)
     */
    public KustomizeRenderer(List<String> buildCommand, Duration timeout, Path scratch) {
        this(Engine.EXTERNAL, buildCommand, timeout, scratch);
    }

    /**
     * @param engine who builds; with {@link Engine#BUILT_IN}, {@code buildCommand} is the fallback
     */
    public KustomizeRenderer(Engine engine, List<String> buildCommand, Duration timeout, Path scratch) {
        this.engine = engine;
        this.buildCommand = List.copyOf(buildCommand);
        this.timeout = timeout;
        this.scratch = scratch;
    }

    /**
     * The default: the built-in builder, and {@code kubectl kustomize} from the PATH only for
     * kustomizations that use what the builder does not support.
     */
    public static KustomizeRenderer builtIn(Duration timeout, Path scratch) {
        return new KustomizeRenderer(Engine.BUILT_IN, List.of("kubectl", "kustomize"), timeout, scratch);
    }

    /** Always {@code kubectl kustomize}, from the PATH (the setting that forces kubectl). */
    public static KustomizeRenderer kubectl(Duration timeout, Path scratch) {
        return new KustomizeRenderer(List.of("kubectl", "kustomize"), timeout, scratch);
    }

    /** A standalone {@code kustomize} binary: {@code kustomize build}. */
    public static KustomizeRenderer binary(Path kustomize, Duration timeout, Path scratch) {
        return new KustomizeRenderer(List.of(kustomize.toString(), "build"), timeout, scratch);
    }

    /** The kustomization file in {@code directory}, if there is one. */
    public static Optional<Path> kustomizationIn(Path directory) {
        return KustomizeBuilder.kustomizationIn(directory);
    }

    @Override
    public List<Manifest> render(RenderRequest request) {
        Path directory = request.sourceDirectory();
        Path kustomization = kustomizationIn(directory).orElseThrow(() -> new RenderException(request.path(), 0,
                "has no kustomization.yaml, kustomization.yml or Kustomization; add one or remove the kustomize"
                        + " options"));
        String name = request.displayName(kustomization);
        KustomizeOptions options = request.options().kustomize().orElse(KustomizeOptions.none());
        if (engine == Engine.EXTERNAL) {
            try {
                return runTool(request, directory, kustomization, name, options);
            } catch (ExternalCommand.NotStartedException e) {
                throw new RenderException(name, 0, buildCommand.get(0) + " is not available on this machine ("
                        + e.getMessage() + "); install kubectl (for example apt-get install kubectl) or configure a"
                        + " kustomize binary", e);
            }
        }
        try {
            return buildInJava(request, directory, kustomization, name, options);
        } catch (UnsupportedKustomization unsupported) {
            LOG.info("event=kustomize.fallback kustomization={} field={} tool={}", unsupported.file(),
                    unsupported.field(), buildCommand.get(0));
            try {
                return runTool(request, directory, kustomization, name, options);
            } catch (ExternalCommand.NotStartedException missing) {
                throw new RenderException(unsupported.file(), unsupported.line(), "kustomization " + unsupported.file()
                        + " uses " + unsupported.field() + ", which the built-in renderer does not support yet; install"
                        + " kubectl (for example apt-get install kubectl, or see https://kubernetes.io/docs/tasks/tools/)"
                        + " so that kubectl kustomize can build it", unsupported);
            }
        }
    }

    private List<Manifest> buildInJava(RenderRequest request, Path directory, Path kustomization, String name,
            KustomizeOptions options) {
        KustomizeBuilder builder = new KustomizeBuilder(request.repositoryRoot());
        if (!options.editsKustomization()) {
            return builder.build(directory);
        }
        ObjectNode edited;
        try {
            edited = new KustomizationEdit(name, directory).apply(readTree(kustomization, name), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return builder.build(directory, edited);
    }

    private List<Manifest> runTool(RenderRequest request, Path directory, Path kustomization, String name,
            KustomizeOptions options) throws ExternalCommand.NotStartedException {
        Path copy = null;
        try {
            Path buildDirectory = directory;
            Path shownRoot = request.repositoryRoot().toAbsolutePath().normalize();
            if (options.editsKustomization()) {
                Files.createDirectories(scratch);
                copy = Files.createTempDirectory(scratch, "kustomize-");
                layOut(shownRoot, copy);
                buildDirectory = copy.resolve(shownRoot.relativize(directory));
                shownRoot = copy;
                edit(buildDirectory.resolve(kustomization.getFileName().toString()), name, buildDirectory, options);
            }
            List<String> command = new ArrayList<>(buildCommand);
            command.add(buildDirectory.toString());
            ExternalCommand.Result result = ExternalCommand.run(command, buildDirectory, timeout);
            if (result.exitCode() != 0) {
                throw new RenderException(name, 0, "kustomize build failed: "
                        + result.stderr().strip().replace(shownRoot + "/", ""));
            }
            return read(result.stdout(), name);
        } catch (ExternalCommand.NotStartedException e) {
            throw e;
        } catch (ExternalCommand.TimedOutException e) {
            throw new RenderException(name, 0, "kustomize build took too long: " + e.getMessage()
                    + "; simplify the kustomization or raise the render timeout", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + name + ": " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                deleteQuietly(copy);
            }
        }
    }

    private ObjectNode readTree(Path kustomization, String name) throws IOException {
        JsonNode tree;
        try {
            tree = reader.readDocument(Files.readString(kustomization), name);
        } catch (ManifestException e) {
            throw new RenderException(e.file(), e.line(), e.problem(), e);
        }
        if (tree.isNull()) {
            return Json.object();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new RenderException(name, 0, "is not a mapping, so it is no kustomization");
        }
        return object;
    }

    private void edit(Path kustomization, String name, Path directory, KustomizeOptions options) throws IOException {
        ObjectNode edited = new KustomizationEdit(name, directory).apply(readTree(kustomization, name), options);
        Files.delete(kustomization); // a hard link into the snapshot: replace it, never write through it
        Files.writeString(kustomization, Json.yaml(edited));
    }

    private List<Manifest> read(String output, String name) {
        try {
            return reader.read(output, name).stream().map(m -> new Manifest(m.object(), name, 1)).toList();
        } catch (ManifestException e) {
            throw new RenderException(name, 0, "kustomize printed output that cannot be read: " + e.getMessage(), e);
        }
    }

    /** Mirrors the repository tree under {@code target}: directories made, files linked or copied. */
    private static void layOut(Path root, Path target) throws IOException {
        boolean link = true;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.toList();
        }
        for (Path source : paths) {
            Path destination = target.resolve(root.relativize(source).toString());
            if (Files.isSymbolicLink(source)) {
                Files.createSymbolicLink(destination, Files.readSymbolicLink(source));
            } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(destination);
            } else {
                if (link) {
                    try {
                        Files.createLink(destination, source);
                        continue;
                    } catch (IOException | UnsupportedOperationException e) {
                        link = false; // another file system: copy from now on
                    }
                }
                Files.copy(source, destination);
                destination.toFile().setWritable(true, true);
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless; the OS cleans its temp space
        }
    }
}
