package dev.fairway.gitops.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One test in a custom health rule's {@code when} list:
 * {@code PATH == VALUE}, {@code PATH != VALUE}, {@code PATH < VALUE} (also {@code <=, >, >=}),
 * {@code PATH exists} or {@code PATH absent}. VALUE is a word, a quoted text or {@code {PATH}} for
 * another field of the same object.
 */
record RuleCondition(String text, FieldPath path, String operator, String value) {

    private static final String USAGE =
            "write PATH == VALUE, PATH != VALUE, PATH < VALUE (or <=, >, >=), PATH exists or PATH absent";

    boolean test(JsonNode object) {
        JsonNode field = path.find(object);
        return switch (operator) {
            case "exists" -> isPresent(field);
            case "absent" -> !isPresent(field);
            case "==" -> field != null && text(field).equals(operand(object));
            case "!=" -> field == null || !text(field).equals(operand(object));
            default -> compare(number(field, path.text()), number(operandNode(object), value)) ;
        };
    }

    private boolean compare(BigDecimal left, BigDecimal right) {
        int c = left.compareTo(right);
        return switch (operator) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** Kubernetes leaves out empty lists and zero values, so "exists" means present and not empty. */
    private static boolean isPresent(JsonNode field) {
        return field != null && !(field.isContainerNode() && field.isEmpty()) && !(field.isTextual() && field.asText().isEmpty());
    }

    private String operand(JsonNode object) {
        JsonNode node = operandNode(object);
        return node == null ? "" : text(node);
    }

    private JsonNode operandNode(JsonNode object) {
        if (isFieldReference(value)) {
            return FieldPath.parse(value.substring(1, value.length() - 1)).find(object);
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    private String text(JsonNode field) {
        if (field.isContainerNode()) {
            throw new IllegalArgumentException("health rule \"" + this.text + "\": " + path + " is " + field
                    + ", not a single value");
        }
        return field.asText();
    }

    /** Missing counts as 0: Kubernetes leaves zero counts out of status. */
    private BigDecimal number(JsonNode node, String what) {
        if (node == null) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("health rule \"" + text + "\": " + what + " is " + node + ", not a number");
        }
    }

    private static boolean isFieldReference(String value) {
        return value.length() > 2 && value.startsWith("{") && value.endsWith("}");
    }

    static RuleCondition parse(String text) {
        String trimmed = text.trim();
        int end = endOfPath(trimmed);
        if (end == 0) {
            throw new IllegalArgumentException("cannot read \"" + text + "\": it does not start with a field path; " + USAGE);
        }
        FieldPath path = FieldPath.parse(trimmed.substring(0, end));
        String rest = trimmed.substring(end).trim();
        if (rest.equals("exists") || rest.equals("absent")) {
            return new RuleCondition(trimmed, path, rest, "");
        }
        for (String operator : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (rest.startsWith(operator)) {
                String value = rest.substring(operator.length()).trim();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("cannot read \"" + text + "\": nothing to compare with after "
                            + operator + "; " + USAGE);
                }
                value = FieldPath.unquote(value);
                if (isFieldReference(value)) {
                    FieldPath.parse(value.substring(1, value.length() - 1)); // fail now, not on first use
                } else if (operator.startsWith("<") || operator.startsWith(">")) {
                    requireNumber(text, value);
                }
                return new RuleCondition(trimmed, path, operator, value);
            }
        }
        throw new IllegalArgumentException("cannot read \"" + text + "\": " + USAGE);
    }

    private static void requireNumber(String text, String value) {
        try {
            new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read \"" + text + "\": " + value
                    + " is not a number; compare with a number or a {field}");
        }
    }

    /** The path ends at the first space or operator character outside brackets and quotes. */
    private static int endOfPath(String s) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0 && (Character.isWhitespace(c) || "=!<>".indexOf(c) >= 0)) {
                return i;
            }
        }
        return s.length();
    }
}
