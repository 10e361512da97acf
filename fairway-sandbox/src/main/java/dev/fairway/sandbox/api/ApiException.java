package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.util.List;

/**
 * A request that fails with a Kubernetes {@code Status}: the HTTP code, the reason kubectl and
 * client libraries branch on, a message for people and details (name, group, kind, causes).
 */
public final class ApiException extends Exception {

    private final int code;
    private final String reason;
    private final ObjectNode details;

    public ApiException(int code, String reason, String message, ObjectNode details) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public ObjectNode status() {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", getMessage());
        s.put("reason", reason);
        if (details != null) {
            s.set("details", details);
        }
        s.put("code", code);
        return s;
    }

    /** "deployments.apps" / "pods": how Kubernetes names a resource in messages. */
    public static String qualified(ResourceType t) {
        return t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
    }

    private static ObjectNode details(String name, String group, String kind) {
        ObjectNode d = Json.object();
        if (name != null && !name.isEmpty()) {
            d.put("name", name);
        }
        if (group != null && !group.isEmpty()) {
            d.put("group", group);
        }
        if (kind != null) {
            d.put("kind", kind);
        }
        return d;
    }

    public static ApiException notFound(ResourceType t, String name) {
        return new ApiException(404, "NotFound", qualified(t) + " \"" + name + "\" not found",
                details(name, t.group(), t.plural()));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message, null);
    }

    public static ApiException alreadyExists(ResourceType t, String name) {
        return new ApiException(409, "AlreadyExists", qualified(t) + " \"" + name + "\" already exists",
                details(name, t.group(), t.plural()));
    }

    public static ApiException conflict(ResourceType t, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(t) + " \"" + name + "\": " + why,
                details(name, t.group(), t.plural()));
    }

    public static ApiException modified(ResourceType t, String name) {
        return conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 409 for server-side apply conflicts, with one cause per conflicting field. */
    public static ApiException applyConflict(ResourceType t, String name, String message, List<String[]> messageAndField) {
        ObjectNode d = details(name, t.group(), t.plural());
        ArrayNode causes = d.putArray("causes");
        for (String[] mf : messageAndField) {
            ObjectNode c = causes.addObject();
            c.put("reason", "FieldManagerConflict");
            c.put("message", mf[0]);
            c.put("field", mf[1]);
        }
        return new ApiException(409, "Conflict", message, d);
    }

    public static ApiException invalid(ResourceType t, String name, List<FieldError> errors) {
        ObjectNode d = details(name, t.group(), t.kind());
        ArrayNode causes = d.putArray("causes");
        StringBuilder msg = new StringBuilder();
        for (FieldError e : errors) {
            ObjectNode c = causes.addObject();
            c.put("reason", e.type());
            c.put("message", e.causeMessage());
            c.put("field", e.field());
            if (msg.length() > 0) {
                msg.append(", ");
            }
            msg.append(e.message());
        }
        String what = (t.group().isEmpty() ? t.kind() : t.kind() + "." + t.group()) + " \"" + name + "\" is invalid: ";
        String body = errors.size() == 1 ? msg.toString() : "[" + msg + "]";
        return new ApiException(422, "Invalid", what + body, d);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message, null);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "UnsupportedMediaType", message, null);
    }

    public static ApiException notAcceptable(String message) {
        return new ApiException(406, "NotAcceptable", message, null);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", "Unauthorized", null);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "RequestEntityTooLarge", message, null);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", message, null);
    }
}
