package dev.fairway.sandbox.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The subset of Kubernetes JSONPath that CRD printer columns use: {@code .spec.replicas},
 * {@code .metadata.labels.app\.kubernetes\.io/name}, {@code .items[0]}, {@code .items[*].name},
 * {@code ['key.with.dots']}, {@code ..name} and filters such as
 * {@code .status.conditions[?(@.type=="Ready")].status}. Optional surrounding braces are accepted.
 */
public final class JsonPath {

    private sealed interface Step permits Field, Index, Wildcard, Filter, Descend {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record Wildcard() implements Step {}

    private record Descend(String name) implements Step {}

    /** {@code [?(@.path OP literal)]}; a null op tests that the path exists. */
    private record Filter(List<Step> path, String op, JsonNode literal) implements Step {}

    private final String expression;
    private final List<Step> steps;

    private JsonPath(String expression, List<Step> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    /** Parses an expression; throws {@link IllegalArgumentException} naming the position of a syntax error. */
    public static JsonPath parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("JSONPath expression is empty");
        }
        String e = expression.strip();
        if (e.startsWith("{") && e.endsWith("}")) {
            e = e.substring(1, e.length() - 1).strip();
        }
        if (e.startsWith("$")) {
            e = e.substring(1);
        }
        Parser p = new Parser(expression, e);
        List<Step> steps = p.steps(false);
        return new JsonPath(expression, steps);
    }

    public String expression() {
        return expression;
    }

    /** Every value the path selects, in document order; empty when nothing matches. */
    public List<JsonNode> evaluate(JsonNode root) {
        return apply(steps, root);
    }

    private static List<JsonNode> apply(List<Step> steps, JsonNode root) {
        List<JsonNode> current = new ArrayList<>();
        if (root != null && !root.isMissingNode()) {
            current.add(root);
        }
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                select(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void select(Step step, JsonNode node, List<JsonNode> out) {
        if (step instanceof Field f) {
            JsonNode v = node.isObject() ? node.get(f.name()) : null;
            if (v != null) {
                out.add(v);
            }
        } else if (step instanceof Index i) {
            if (node.isArray()) {
                int idx = i.index() < 0 ? node.size() + i.index() : i.index();
                if (idx >= 0 && idx < node.size()) {
                    out.add(node.get(idx));
                }
            }
        } else if (step instanceof Wildcard) {
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(out::add);
            }
        } else if (step instanceof Descend d) {
            descend(d.name(), node, out);
        } else if (step instanceof Filter f && node.isArray()) {
            for (JsonNode element : node) {
                if (matches(f, element)) {
                    out.add(element);
                }
            }
        }
    }

    private static void descend(String name, JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.has(name)) {
            out.add(node.get(name));
        }
        Iterator<JsonNode> children = node.elements();
        while (children.hasNext()) {
            JsonNode child = children.next();
            if (child.isContainerNode()) {
                descend(name, child, out);
            }
        }
    }

    private static boolean matches(Filter f, JsonNode element) {
        List<JsonNode> found = apply(f.path(), element);
        if (f.op() == null) {
            return !found.isEmpty();
        }
        if (found.isEmpty()) {
            return f.op().equals("!=");
        }
        JsonNode value = found.get(0);
        int cmp;
        if (value.isNumber() && f.literal().isNumber()) {
            cmp = value.decimalValue().compareTo(f.literal().decimalValue());
        } else if (f.op().equals("==") || f.op().equals("!=")) {
            cmp = value.asText().equals(f.literal().asText()) ? 0 : 1;
        } else {
            cmp = value.asText().compareTo(f.literal().asText());
        }
        return switch (f.op()) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    @Override
    public String toString() {
        return expression;
    }

    /** A hand-written recursive-descent parser over the expression text. */
    private static final class Parser {
        private final String original;
        private final String s;
        private int pos;

        Parser(String original, String s) {
            this.original = original;
            this.s = s;
        }

        List<Step> steps(boolean inFilter) {
            List<Step> steps = new ArrayList<>();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (inFilter && (c == ')' || c == ' ' || c == '=' || c == '!' || c == '<' || c == '>')) {
                    break;
                }
                if (c == '.') {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '.') {
                        pos += 2;
                        steps.add(new Descend(name()));
                    } else {
                        pos++;
                        if (pos < s.length() && s.charAt(pos) == '*') {
                            pos++;
                            steps.add(new Wildcard());
                        } else if (pos < s.length() && s.charAt(pos) != '[') {
                            steps.add(new Field(name()));
                        }
                    }
                } else if (c == '[') {
                    steps.add(bracket());
                } else {
                    throw error("unexpected '" + c + "'");
                }
            }
            return steps;
        }

        private String name() {
            StringBuilder sb = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length()) {
                    sb.append(s.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                if (c == '.' || c == '[' || c == ')' || c == ' ' || c == '=' || c == '!' || c == '<' || c == '>') {
                    break;
                }
                sb.append(c);
                pos++;
            }
            if (sb.length() == 0) {
                throw error("expected a field name");
            }
            return sb.toString();
        }

        private Step bracket() {
            pos++; // [
            skipSpaces();
            if (pos >= s.length()) {
                throw error("unterminated '['");
            }
            char c = s.charAt(pos);
            Step step;
            if (c == '*') {
                pos++;
                step = new Wildcard();
            } else if (c == '\'' || c == '"') {
                step = new Field(quoted());
            } else if (c == '?') {
                step = filter();
            } else {
                int start = pos;
                if (c == '-') {
                    pos++;
                }
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos || (c == '-' && pos == start + 1)) {
                    throw error("expected an index, '*', a quoted name or a filter");
                }
                step = new Index(Integer.parseInt(s.substring(start, pos)));
            }
            skipSpaces();
            expect(']');
            return step;
        }

        private Step filter() {
            pos++; // ?
            expect('(');
            skipSpaces();
            expect('@');
            List<Step> path = steps(true);
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
                return new Filter(path, null, null);
            }
            int start = pos;
            while (pos < s.length() && "=!<>".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String op = s.substring(start, pos);
            if (!List.of("==", "!=", "<", "<=", ">", ">=").contains(op)) {
                throw error("unknown filter operator '" + op + "'");
            }
            skipSpaces();
            JsonNode literal = literal();
            skipSpaces();
            expect(')');
            return new Filter(path, op, literal);
        }

        private JsonNode literal() {
            if (pos >= s.length()) {
                throw error("expected a value to compare with");
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                return com.fasterxml.jackson.databind.node.TextNode.valueOf(quoted());
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ')' && s.charAt(pos) != ' ') {
                pos++;
            }
            String word = s.substring(start, pos);
            if (word.equals("true") || word.equals("false")) {
                return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(word.equals("true"));
            }
            try {
                return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new BigDecimal(word));
            } catch (NumberFormatException e) {
                throw error("'" + word + "' is not a quoted string, number or boolean");
            }
        }

        private String quoted() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != quote) {
                if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
                    pos++;
                }
                sb.append(s.charAt(pos++));
            }
            if (pos >= s.length()) {
                throw error("unterminated quoted string");
            }
            pos++;
            return sb.toString();
        }

        private void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSONPath \"" + original + "\": " + what + " at position " + pos);
        }
    }
}
