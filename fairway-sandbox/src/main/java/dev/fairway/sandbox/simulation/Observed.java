package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.store.Change;
import java.io.IOException;

/**
 * One committed change as the simulation's controllers see it: parsed at most once however many
 * controllers look. The objects are shared, so controllers only read them.
 */
final class Observed {

    private final Change change;
    private ObjectNode object;
    private ObjectNode previous;

    Observed(Change change) {
        this.change = change;
    }

    String group() {
        return change.key().group();
    }

    String resource() {
        return change.key().resource();
    }

    boolean is(String group, String resource) {
        return change.key().group().equals(group) && change.key().resource().equals(resource);
    }

    boolean deleted() {
        return change.type() == Change.Type.DELETED;
    }

    Ref ref() {
        return new Ref(change.key().namespace(), change.key().name());
    }

    /** The object after the change (for a deletion: its last state). */
    synchronized ObjectNode object() {
        if (object == null) {
            object = parse(change.json());
        }
        return object;
    }

    /** The object before the change, or null when it was just created. */
    synchronized ObjectNode previous() {
        if (previous == null && change.previous() != null) {
            previous = parse(change.previous());
        }
        return previous;
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored object is not JSON", e);
        }
    }
}
