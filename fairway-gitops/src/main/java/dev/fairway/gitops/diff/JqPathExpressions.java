package dev.fairway.gitops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ignoreDifferences.jqPathExpressions} through jackson-jq: each expression (such as
 * {@code .spec.template.spec.containers[] | select(.name == "istio-proxy")}) names fields by the
 * paths it visits, as Argo CD reads it. Expressions are compiled once and kept (a bounded cache per
 * engine, keyed by the text), so that reconciling an application again costs no parsing.
 */
public final class JqPathExpressions {

    private static final Logger LOG = LoggerFactory.getLogger(JqPathExpressions.class);
    private static final int MAX_ENTRIES = 1000;

    /** One compiled expression: {@code [path(EXPRESSION)]}. */
    public record Compiled(String text, JsonQuery paths) {}

    private final Scope scope;
    private final Map<String, Compiled> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public JqPathExpressions() {
        scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
    }

    /** The compiled expression, from the cache when it was compiled before. */
    public synchronized Compiled compile(String expression) throws InvalidExpressionException {
        Compiled known = cache.get(expression);
        if (known != null) {
            return known;
        }
        try {
            JsonQuery.compile(expression, Versions.JQ_1_6); // alone first, so that the error is about it, not our wrapper
            Compiled compiled = new Compiled(expression, JsonQuery.compile("[path(" + expression + ")]", Versions.JQ_1_6));
            cache.put(expression, compiled);
            return compiled;
        } catch (JsonQueryException | RuntimeException e) {
            // the parser's own words ("Encountered "<EOF>" at line 1, column 15."), not the wrapper's
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip();
            throw new InvalidExpressionException(expression, reason);
        }
    }

    /**
     * The JSON pointers of the fields the expression names in this object. An expression that
     * does not fit the object (iterating over a field that is absent) names nothing, as in Argo CD.
     */
    public List<String> pointers(Compiled expression, ObjectNode object) {
        List<String> pointers = new ArrayList<>();
        try {
            List<JsonNode> out = new ArrayList<>();
            expression.paths().apply(Scope.newChildScope(scope), object, out::add);
            for (JsonNode result : out) {
                if (result instanceof ArrayNode paths) {
                    paths.forEach(path -> toPointer(path).ifPresent(pointers::add));
                }
            }
        } catch (JsonQueryException | RuntimeException e) {
            LOG.debug("event=jq-no-match expression=\"{}\" message=\"{}\"", expression.text(), e.getMessage());
        }
        return pointers;
    }

    private static Optional<String> toPointer(JsonNode path) {
        if (!path.isArray() || path.isEmpty()) {
            return Optional.empty(); // the whole object: never ignored
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonNode step : path) {
            if (!step.isTextual() && !step.isIntegralNumber()) {
                return Optional.empty(); // a slice: not a single field
            }
            pointer.append('/').append(step.asText().replace("~", "~0").replace("/", "~1"));
        }
        return Optional.of(pointer.toString());
    }

    /** An expression jq cannot parse. */
    public static final class InvalidExpressionException extends Exception {
        private final String expression;

        InvalidExpressionException(String expression, String reason) {
            super("cannot parse jq expression \"" + expression + "\": " + reason);
            this.expression = expression;
        }

        public String expression() {
            return expression;
        }
    }
}
