package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ResourceType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@code meta.k8s.io/v1} Table that {@code kubectl get} asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}: the kind's column definitions and
 * one row per object. Like the real server it always sends the wide ({@code priority: 1}) cells;
 * kubectl hides them unless {@code -o wide}. The caller fills {@code metadata.resourceVersion}
 * and {@code metadata.continue}.
 */
public final class TableConverter {

    public static final String INCLUDE_NONE = "None";
    public static final String INCLUDE_METADATA = "Metadata";
    public static final String INCLUDE_OBJECT = "Object";

    private final BuiltinPrinters builtins = new BuiltinPrinters();
    private final DefaultPrinter defaultPrinter = new DefaultPrinter();

    /**
     * @param crdPrinterColumns a CRD version's {@code additionalPrinterColumns} (an empty list gives
     *                          NAME and AGE), or null for built-in kinds
     * @param includeObject     {@code None}, {@code Metadata} (the default when null or empty) or {@code Object}
     * @throws IllegalArgumentException for an unknown includeObject value or an unparsable column jsonPath
     */
    public ObjectNode toTable(ResourceType type, List<ObjectNode> objects, List<JsonNode> crdPrinterColumns,
                              String includeObject, Instant now) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(now, "now");
        String include = includeObject == null || includeObject.isEmpty() ? INCLUDE_METADATA : includeObject;
        if (!include.equals(INCLUDE_NONE) && !include.equals(INCLUDE_METADATA) && !include.equals(INCLUDE_OBJECT)) {
            throw new IllegalArgumentException("includeObject must be one of None, Metadata or Object, not \"" + includeObject + "\"");
        }
        KindPrinter printer = printerFor(type, crdPrinterColumns);

        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode columns = table.putArray("columnDefinitions");
        printer.columns().forEach(c -> columns.add(c.toJson()));
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode obj : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            printer.cells(obj, now).forEach(cell -> cells.add(toJson(cell)));
            List<ObjectNode> conditions = printer.conditions(obj);
            if (!conditions.isEmpty()) {
                row.putArray("conditions").addAll(conditions);
            }
            row.set("object", rowObject(obj, include));
        }
        return table;
    }

    private KindPrinter printerFor(ResourceType type, List<JsonNode> crdPrinterColumns) {
        if (crdPrinterColumns != null) {
            return new CustomColumnsPrinter(crdPrinterColumns);
        }
        return builtins.find(type.group(), type.kind()).orElse(defaultPrinter);
    }

    private static JsonNode rowObject(ObjectNode obj, String include) {
        switch (include) {
            case INCLUDE_NONE:
                return JsonNodeFactory.instance.nullNode();
            case INCLUDE_OBJECT:
                return obj;
            default: {
                ObjectNode partial = Json.object();
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                JsonNode metadata = obj.get("metadata");
                partial.set("metadata", metadata == null ? Json.object() : metadata.deepCopy());
                return partial;
            }
        }
    }

    private static JsonNode toJson(Object cell) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (cell == null) {
            return f.nullNode();
        }
        if (cell instanceof Long l) {
            return f.numberNode(l);
        }
        if (cell instanceof Integer i) {
            return f.numberNode(i.longValue());
        }
        if (cell instanceof Double d) {
            return f.numberNode(d);
        }
        if (cell instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode(cell.toString());
    }
}
