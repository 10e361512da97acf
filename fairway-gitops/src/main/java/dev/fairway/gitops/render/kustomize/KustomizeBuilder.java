package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.render.RenderException;
import dev.fairway.kube.Json;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a kustomization in Java, as {@code kubectl kustomize DIR} (kustomize v5) does: resources
 * (files and directories, nested), components, generators, the built-in transformers in
 * kustomize's order, content hash suffixes, name references and the legacy output order.
 *
 * <p>Every object comes back with the file and line it was written at (generated objects: their
 * generator's entry). Mistakes are {@link RenderException}s naming the kustomization and line;
 * fields this builder does not implement are {@link UnsupportedKustomization}s.
 */
public final class KustomizeBuilder {

    private final Path repositoryRoot;
    private final ManifestReader reader = new ManifestReader();
    private final DefaultFieldSpecs defaults = DefaultFieldSpecs.KUSTOMIZE;

    /** @param repositoryRoot no kustomization may reach outside it; file names in messages are relative to it */
    public KustomizeBuilder(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
    }

    /** The kustomization file in {@code directory}, if there is one, in kustomize's order of names. */
    public static Optional<Path> kustomizationIn(Path directory) {
        return Kustomization.FILE_NAMES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** Builds the kustomization in {@code directory}. */
    public List<Manifest> build(Path directory) {
        return build(directory, null);
    }

    /**
     * Builds the kustomization in {@code directory}, with {@code replacement} read in place of its
     * kustomization file when given (an edited copy: the repository is never written).
     */
    public List<Manifest> build(Path directory, ObjectNode replacement) {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = kustomizationIn(dir).orElseThrow(() -> new RenderException(display(dir), 0,
                "has no kustomization.yaml, kustomization.yml or Kustomization"));
        Kustomization top = replacement == null ? Kustomization.read(dir, file, display(file))
                : Kustomization.parse(dir, Json.yaml(replacement), display(file));
        if (top.component) {
            throw top.fail("/kind", "is a Component, which only another kustomization can include; build a"
                    + " Kustomization that lists it under components");
        }
        Deque<Path> stack = new ArrayDeque<>();
        stack.push(dir);
        ResourceSet resources = accumulate(top, stack, new ResourceSet());
        for (Resource resource : resources.resources()) {
            if (resource.hashSuffix()) {
                String hash = ContentHash.of(resource.object());
                resource.storePreviousId();
                resource.setName(resource.name() + "-" + hash);
            }
        }
        new NameReferences(defaults.nameReferences(), top.file).apply(resources);
        List<Resource> ordered = new ArrayList<>(resources.resources());
        LegacyOrder order = new LegacyOrder();
        ordered.sort((a, b) -> order.compare(a.currentId(), b.currentId()));
        return ordered.stream().map(r -> new Manifest(r.object(), r.file(), r.line())).toList();
    }

    private String display(Path path) {
        return repositoryRoot.relativize(path.toAbsolutePath().normalize()).toString();
    }

    private ResourceSet accumulate(Kustomization k, Deque<Path> stack, ResourceSet resources) {
        for (int i = 0; i < k.resources.size(); i++) {
            String entry = k.resources.get(i);
            int line = k.line(k.resourcePointers.get(i));
            Path path = k.directory.resolve(entry).normalize();
            if (Files.isRegularFile(path)) {
                requireInside(k, path, k.directory, line, "resource");
                for (Manifest manifest : readManifests(path, k, line)) {
                    resources.append(new Resource(manifest.object(), manifest.file(), manifest.line()), k.file, line);
                }
            } else if (Files.isDirectory(path)) {
                resources.appendAll(directory(k, path, line, stack, null), k.file, line);
            } else {
                throw new RenderException(k.file, line, "resource " + entry + " does not exist (no such file or"
                        + " directory next to the kustomization); fix the path or remove the entry");
            }
        }
        ObjectGenerator generator = new ObjectGenerator(k, (relative, pointer) -> load(k, relative, pointer));
        for (Kustomization.Generator entry : k.generators) {
            resources.absorb(generator.generate(entry), k.file, k.line(entry.pointer()));
        }
        for (int i = 0; i < k.components.size(); i++) {
            String entry = k.components.get(i);
            int line = k.line("/components/" + i);
            Path path = k.directory.resolve(entry).normalize();
            if (!Files.isDirectory(path)) {
                throw new RenderException(k.file, line, "component " + entry + " is not a directory with a"
                        + " kustomization; fix the path or remove the entry");
            }
            directory(k, path, line, stack, resources);
        }
        transform(k, resources);
        return resources;
    }

    /** Builds a sub-directory: a base (own resource set) or, with {@code into}, a component (the parent's set). */
    private ResourceSet directory(Kustomization parent, Path path, int line, Deque<Path> stack, ResourceSet into) {
        if (!path.startsWith(repositoryRoot)) {
            throw new RenderException(parent.file, line, path + " is outside the repository; kustomizations may only"
                    + " refer to directories of the same repository");
        }
        if (stack.contains(path)) {
            List<Path> cycle = new ArrayList<>(stack);
            java.util.Collections.reverse(cycle);
            cycle.add(path);
            throw new RenderException(parent.file, line, "the kustomizations include each other in a cycle: "
                    + cycle.stream().map(this::display).map(d -> d.isEmpty() ? "." : d)
                            .collect(Collectors.joining(" -> "))
                    + "; remove one of these references");
        }
        Path file = kustomizationIn(path).orElseThrow(() -> new RenderException(parent.file, line, "directory "
                + display(path) + " has no kustomization.yaml, kustomization.yml or Kustomization; add one or list"
                + " its files instead"));
        Kustomization child = Kustomization.read(path, file, display(file));
        boolean component = into != null;
        if (component && !child.component) {
            throw new RenderException(parent.file, line, display(file) + " is listed under components but has kind "
                    + "Kustomization; give it kind: Component (apiVersion kustomize.config.k8s.io/v1alpha1)");
        }
        if (!component && child.component) {
            throw new RenderException(parent.file, line, display(file) + " is a Component; list it under"
                    + " components, not resources");
        }
        stack.push(path);
        try {
            return accumulate(child, stack, component ? into : new ResourceSet());
        } finally {
            stack.pop();
        }
    }

    private List<Manifest> readManifests(Path path, Kustomization k, int line) {
        try {
            return reader.read(Files.readString(path), display(path));
        } catch (ManifestException e) {
            throw new RenderException(e.file(), e.line(), e.problem() + " (a resource of " + k.file + ":" + line + ")",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display(path) + ": " + e.getMessage(), e);
        }
    }

    private static void requireInside(Kustomization k, Path path, Path directory, int line, String what) {
        if (!path.startsWith(directory)) {
            throw new RenderException(k.file, line, what + " file " + path.getFileName() + " is not in or below the"
                    + " kustomization's directory, which kustomize refuses; list the directory that holds it (with its"
                    + " own kustomization) instead");
        }
    }

    private byte[] load(Kustomization k, String relative, String pointer) {
        Path path = k.directory.resolve(relative).normalize();
        int line = k.line(pointer);
        requireInside(k, path, k.directory, line, "the");
        try {
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RenderException(k.file, line, "file " + relative + " does not exist next to the kustomization;"
                    + " fix the path");
        } catch (IOException e) {
            throw new RenderException(k.file, line, "file " + relative + " cannot be read: " + e.getMessage());
        }
    }

    private void transform(Kustomization k, ResourceSet resources) {
        for (Kustomization.Patch patch : k.patchesStrategicMerge) {
            patch(k, patch, false).apply(resources);
        }
        for (Kustomization.Patch patch : k.patches) {
            patch(k, patch, false).apply(resources);
        }
        new NamespaceTransformer(k.namespace, defaults.namespace()).apply(resources, k.file, k.line("/namespace"));
        new NameAffixTransformer(k.namePrefix, true).apply(resources);
        new NameAffixTransformer(k.nameSuffix, false).apply(resources);
        for (Kustomization.Label label : k.labels) {
            List<FieldSpec> fields = new ArrayList<>();
            if (label.includeSelectors()) {
                fields.addAll(defaults.commonLabels());
            } else {
                if (label.includeTemplates()) {
                    fields.addAll(defaults.templateLabels());
                }
                fields.add(new FieldSpec("", "", "", "metadata/labels", true));
            }
            new PairsTransformer(label.pairs(), fields).apply(resources);
        }
        new PairsTransformer(k.commonLabels, defaults.commonLabels()).apply(resources);
        new PairsTransformer(k.commonAnnotations, defaults.commonAnnotations()).apply(resources);
        for (Kustomization.Patch patch : k.patchesJson6902) {
            patch(k, patch, true).apply(resources);
        }
        for (Kustomization.Replica replica : k.replicas) {
            new ReplicaTransformer(replica, defaults.replicas()).apply(resources, k.file, k.line(replica.pointer()));
        }
        for (Kustomization.Image image : k.images) {
            new ImageTransformer(image, defaults.images()).apply(resources);
        }
    }

    private PatchTransformer patch(Kustomization k, Kustomization.Patch patch, boolean jsonOnly) {
        int line = k.line(patch.pointer());
        if (!patch.path().isEmpty() && !patch.inline().isEmpty()) {
            throw new RenderException(k.file, line, "a patch has both path and patch; keep one");
        }
        if (patch.path().isEmpty() && patch.inline().isEmpty()) {
            throw new RenderException(k.file, line, "a patch has neither path nor patch; give one");
        }
        String text;
        String source;
        if (!patch.path().isEmpty()) {
            text = new String(load(k, patch.path(), patch.pointer()), java.nio.charset.StandardCharsets.UTF_8);
            source = display(k.directory.resolve(patch.path()));
        } else {
            text = patch.inline();
            source = "at " + k.file + ":" + line;
        }
        return new PatchTransformer(text, patch.target(), patch.allowNameChange(), patch.allowKindChange(), jsonOnly,
                k.file, line, source);
    }
}
