package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One write as admission sees it.
 *
 * @param operation       CREATE, UPDATE or DELETE
 * @param type            the resource written
 * @param object          the object to store (mutable: defaulting edits it)
 * @param old             the stored object before the write, null on create
 * @param subresource     "" or "status" / "scale"
 * @param fieldValidation Strict, Warn or Ignore, as the request asked
 * @param warnings        warnings to return in {@code Warning} headers (appendable)
 */
public record AdmissionRequest(
        Operation operation,
        ResourceType type,
        ObjectNode object,
        ObjectNode old,
        String subresource,
        FieldValidation fieldValidation,
        List<String> warnings) {

    public enum Operation { CREATE, UPDATE, DELETE }

    public enum FieldValidation { STRICT, WARN, IGNORE }
}
