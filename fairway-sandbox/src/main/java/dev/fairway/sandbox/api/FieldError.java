package dev.fairway.sandbox.api;

/**
 * One invalid field of an object, in the shape the Kubernetes API reports it: a cause of an
 * {@code Invalid} (422) Status, e.g. {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
 *
 * @param type     the cause reason as Kubernetes names it (see the constants)
 * @param field    the field path, dotted with indexes: {@code spec.template.spec.containers[0].image}
 * @param badValue the offending value as Kubernetes prints it (already formatted), or null when it has none
 * @param detail   what is wrong and, where it helps, what to do; may be empty
 */
public record FieldError(String type, String field, String badValue, String detail) {

    public static final String REQUIRED = "FieldValueRequired";
    public static final String INVALID = "FieldValueInvalid";
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String TYPE_INVALID = "FieldValueTypeInvalid";
    public static final String DUPLICATE = "FieldValueDuplicate";
    public static final String FORBIDDEN = "FieldValueForbidden";
    public static final String TOO_LONG = "FieldValueTooLong";
    public static final String UNKNOWN = "FieldValueUnknown";
    public static final String TOO_MANY = "FieldValueTooMany";

    public static FieldError required(String field, String detail) {
        return new FieldError(REQUIRED, field, null, detail);
    }

    public static FieldError invalid(String field, String badValue, String detail) {
        return new FieldError(INVALID, field, badValue, detail);
    }

    /** The message without the field, as in a Status cause: {@code Required value} or {@code Invalid value: "x": detail}. */
    public String causeMessage() {
        String head = switch (type) {
            case REQUIRED -> "Required value";
            case INVALID -> "Invalid value";
            case NOT_SUPPORTED -> "Unsupported value";
            case TYPE_INVALID -> "Invalid value";
            case DUPLICATE -> "Duplicate value";
            case FORBIDDEN -> "Forbidden";
            case TOO_LONG -> "Too long";
            case UNKNOWN -> "Unknown field";
            case TOO_MANY -> "Too many";
            default -> "Invalid value";
        };
        StringBuilder sb = new StringBuilder(head);
        if (badValue != null && !REQUIRED.equals(type) && !FORBIDDEN.equals(type)) {
            sb.append(": ").append(badValue);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The full message with the field, as Kubernetes joins causes: {@code field: message}. */
    public String message() {
        return field + ": " + causeMessage();
    }
}
