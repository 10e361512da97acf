package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the API server prints for built-in kinds without a printer of their own (Role, LimitRange,
 * CustomResourceDefinition...): NAME and CREATED AT, the latter an RFC 3339 timestamp kubectl shows as is.
 */
final class DefaultPrinter implements KindPrinter {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            new Column("Created At", "date", "", "Time the object was created.", 0));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode obj, Instant now) {
        Instant created = Fields.created(obj);
        Instant shown = created == null ? GO_ZERO_TIME : created.truncatedTo(ChronoUnit.SECONDS);
        return WorkloadPrinters.list(Fields.name(obj), RFC3339.format(shown));
    }
}
