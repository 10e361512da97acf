package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a custom resource from its CRD version's {@code additionalPrinterColumns}: each column a
 * JSONPath into the object, typed. A version without columns shows NAME and AGE, as the
 * apiextensions server serves them.
 */
final class CustomColumnsPrinter implements KindPrinter {

    private record PathColumn(Column column, JsonPath path) {}

    private final List<Column> columns = new ArrayList<>();
    private final List<PathColumn> pathColumns = new ArrayList<>();

    /** Throws {@link IllegalArgumentException} when a column has no name or an unparsable jsonPath. */
    CustomColumnsPrinter(List<JsonNode> printerColumns) {
        columns.add(Column.nameColumn());
        List<JsonNode> defs = new ArrayList<>(printerColumns);
        if (defs.isEmpty()) {
            ObjectNode age = Json.object();
            age.put("name", "Age");
            age.put("type", "date");
            age.put("jsonPath", ".metadata.creationTimestamp");
            defs.add(age);
        }
        for (JsonNode def : defs) {
            String name = Fields.text(def, "name");
            String jsonPath = Fields.text(def, "jsonPath");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("additionalPrinterColumns entry has no name: " + def);
            }
            JsonPath path = JsonPath.parse(jsonPath);
            String description = Fields.textOr("Custom resource definition column (in JSONPath format): " + jsonPath, def, "description");
            Column column = new Column(name, Fields.textOr("string", def, "type"), Fields.text(def, "format"),
                    description, (int) Fields.number(def, "priority"));
            columns.add(column);
            pathColumns.add(new PathColumn(column, path));
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(ObjectNode obj, Instant now) {
        List<Object> cells = new ArrayList<>();
        cells.add(Fields.name(obj));
        for (PathColumn pc : pathColumns) {
            List<JsonNode> results = pc.path().evaluate(obj);
            cells.add(results.isEmpty() ? null : cell(pc.column().type(), results.get(0), now));
        }
        return cells;
    }

    private static Object cell(String type, JsonNode value, Instant now) {
        if (value == null || value.isNull()) {
            return null;
        }
        switch (type) {
            case "string":
                return value.isContainerNode() ? Json.write(value) : value.asText();
            case "integer":
                return value.isNumber() ? (Object) value.asLong() : null;
            case "number":
                return value.isNumber() ? (Object) value.asDouble() : null;
            case "boolean":
                return value.isBoolean() ? (Object) value.asBoolean() : null;
            case "date": {
                if (!value.isTextual()) {
                    return null;
                }
                Instant t = Fields.parseTime(value.asText());
                return t == null ? "<invalid>" : HumanDuration.since(t, now);
            }
            default:
                return null;
        }
    }
}
