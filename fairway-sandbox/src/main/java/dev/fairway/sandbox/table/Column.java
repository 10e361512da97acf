package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;

/**
 * One column of a {@code meta.k8s.io/v1} Table. kubectl hides columns whose priority is above 0
 * unless asked for {@code -o wide}.
 *
 * @param type OpenAPI type: string, integer, number, boolean or date
 * @param format "name" for the column that identifies the object, otherwise usually empty
 */
public record Column(String name, String type, String format, String description, int priority) {

    static Column nameColumn() {
        return new Column("Name", "string", "name", "Name must be unique within a namespace.", 0);
    }

    static Column ageColumn() {
        return new Column("Age", "string", "", "Time since the object was created.", 0);
    }

    static Column text(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    static Column bool(String name, String description) {
        return new Column(name, "boolean", "", description, 0);
    }

    /** The same column, shown only with {@code -o wide}. */
    Column wide() {
        return new Column(name, type, format, description, 1);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("name", name);
        n.put("type", type);
        n.put("format", format == null ? "" : format);
        n.put("description", description == null ? "" : description);
        n.put("priority", priority);
        return n;
    }
}
