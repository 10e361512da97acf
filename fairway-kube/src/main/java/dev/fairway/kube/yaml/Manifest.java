package dev.fairway.kube.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Meta;
import java.util.Objects;

/**
 * One Kubernetes object read from a file, with where it came from so that every later error
 * (render, policy, diff, sync) can point the user at {@code file:line}.
 *
 * @param object the object tree; it always has a string {@code apiVersion} and {@code kind}
 * @param file the file name as the caller gave it (or a label such as {@code <stdin>})
 * @param line the 1-based line where the object starts (its first key)
 */
public record Manifest(ObjectNode object, String file, int line) {

    public Manifest {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line}, as editors and compilers print positions. */
    public String location() {
        return file + ":" + line;
    }

    public GroupVersionKind gvk() {
        return Meta.gvk(object);
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for objects without a namespace. */
    public String describe() {
        String namespace = Meta.namespace(object);
        String name = Meta.name(object);
        return Meta.kind(object) + "/" + (namespace == null ? "" : namespace + "/") + (name == null ? "<no name>" : name);
    }
}
