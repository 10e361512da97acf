package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Prints one kind as table rows: its column definitions and, for each object, one cell per column
 * (wide columns included, as the API server always sends them). Cells are String, Long, Boolean,
 * Double or null.
 */
interface KindPrinter {

    List<Column> columns();

    List<Object> cells(ObjectNode obj, Instant now);

    /** Row conditions, e.g. {@code Completed} for finished pods; none by default. */
    default List<ObjectNode> conditions(ObjectNode obj) {
        return List.of();
    }

    /** Computes a row's cells from an object and the current time. */
    @FunctionalInterface
    interface Cells {
        List<Object> of(ObjectNode obj, Instant now);
    }

    static KindPrinter of(List<Column> columns, Cells cells) {
        return new KindPrinter() {
            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public List<Object> cells(ObjectNode obj, Instant now) {
                return cells.of(obj, now);
            }
        };
    }
}
