package dev.fairway.gitops.render;

import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Renders a plain directory of manifests as Argo CD's directory source does.
 *
 * <ul>
 *   <li>Files named {@code *.yaml}, {@code *.yml} and {@code *.json} are read in the order Argo CD
 *       walks them (Go's filepath.Walk: entries sorted by name within each directory, depth
 *       first); everything else (README.md, scripts) is ignored. {@code *.jsonnet} is refused
 *       with a clear error rather than silently dropped.
 *   <li>Subdirectories only with {@code directory.recurse}.
 *   <li>{@code include} and {@code exclude} globs are matched against the path relative to the
 *       application's directory ({@link Glob}); exclude wins.
 *   <li>Multi-document YAML, JSON objects and JSON arrays of objects; {@code List} kinds are
 *       flattened into their items.
 *   <li>A file that does not parse, or whose documents are not Kubernetes objects, is an error only
 *       when it looks like a manifest (it mentions {@code apiVersion}, {@code kind} and
 *       {@code metadata}); otherwise it is some other YAML file (helm values, CI config) and is
 *       skipped, as Argo CD skips it.
 * </ul>
 *
 * File names in manifests and errors are relative to the repository root.
 */
public final class DirectoryRenderer implements Renderer {

    private final ManifestReader reader = new ManifestReader();

    @Override
    public List<Manifest> render(RenderRequest request) {
        Path directory = request.sourceDirectory();
        if (!Files.isDirectory(directory)) {
            throw new RenderException(request.path(), 0, "the application path does not exist in revision "
                    + request.revision() + "; fix spec.source.path");
        }
        DirectoryOptions options = request.options().directory().orElse(DirectoryOptions.defaults());
        Glob include = glob(options.include(), "include", request);
        Glob exclude = glob(options.exclude(), "exclude", request);
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : manifestFiles(directory, options.recurse())) {
            String relative = directory.relativize(file).toString();
            if (exclude != null && exclude.matches(relative) || include != null && !include.matches(relative)) {
                continue;
            }
            manifests.addAll(read(file, request.displayName(file)));
        }
        return manifests;
    }

    private static Glob glob(String pattern, String option, RenderRequest request) {
        if (pattern.isEmpty()) {
            return null;
        }
        try {
            return Glob.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw new InvalidSourceException("spec.source.directory." + option + " \"" + pattern
                    + "\" is not a valid glob: " + e.getMessage());
        }
    }

    /** Manifest-named files in Go's filepath.Walk order: entries sorted by name, depth first. */
    private static List<Path> manifestFiles(Path directory, boolean recurse) {
        List<Path> files = new ArrayList<>();
        walk(directory, recurse, files);
        return files;
    }

    private static void walk(Path directory, boolean recurse, List<Path> out) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new RenderException(directory.toString(), 0, "cannot be listed: " + e.getMessage(), e);
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (recurse) {
                    walk(entry, true, out);
                }
            } else if (isManifestName(entry.getFileName().toString())) {
                out.add(entry);
            }
        }
    }

    private static boolean isManifestName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".jsonnet");
    }

    private List<Manifest> read(Path file, String name) {
        if (name.endsWith(".jsonnet")) {
            throw new RenderException(name, 0, "jsonnet is not supported; render it to YAML or JSON in the"
                    + " repository, or leave it out with spec.source.directory.exclude");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            return List.of(); // a binary file with a manifest-like name: not a manifest, as Argo CD sees it
        } catch (IOException e) {
            throw new RenderException(name, 0, "cannot be read: " + e.getMessage(), e);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".json") && text.stripLeading().startsWith("[")) {
            // A JSON array of objects: read it as a List, which keeps each item's line.
            text = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":" + text + "}";
        }
        try {
            return reader.read(text, name);
        } catch (ManifestException e) {
            if (!looksLikeManifest(text)) {
                return List.of();
            }
            throw new RenderException(e.file(), e.line(), e.problem(), e);
        }
    }

    private static boolean looksLikeManifest(String text) {
        return mentions(text, "apiVersion") && mentions(text, "kind") && mentions(text, "metadata");
    }

    private static boolean mentions(String text, String key) {
        return text.contains(key + ":") || text.contains("\"" + key + "\"");
    }
}
