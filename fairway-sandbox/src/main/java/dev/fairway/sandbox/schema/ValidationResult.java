package dev.fairway.sandbox.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What validating an object against its schema found.
 *
 * @param object        the object, with unknown fields removed when pruning was asked for
 * @param errors        invalid fields; non-empty means the API server answers 422 Invalid
 * @param unknownFields fields the schema does not declare, as paths with a leading dot
 *                      ({@code .spec.foo}, {@code .spec.containers[0].foo})
 */
public record ValidationResult(ObjectNode object, List<FieldError> errors, List<String> unknownFields) {

    public ValidationResult {
        errors = List.copyOf(errors);
        unknownFields = List.copyOf(unknownFields);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * The 400 BadRequest message of {@code fieldValidation=Strict} when there are unknown fields:
     * {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}.
     * The caller prefixes it as the API server does
     * ({@code Deployment in version "v1" cannot be handled as a Deployment: ...}).
     */
    public Optional<String> strictDecodingError() {
        if (unknownFields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("strict decoding error: " + unknownFields.stream()
                .map(ValidationResult::unknownFieldMessage).collect(Collectors.joining(", ")));
    }

    /** One {@code Warning} header text per unknown field, for {@code fieldValidation=Warn}. */
    public List<String> unknownFieldWarnings() {
        return unknownFields.stream().map(ValidationResult::unknownFieldMessage).toList();
    }

    /** {@code unknown field "spec.foo"} for the path {@code .spec.foo}. */
    public static String unknownFieldMessage(String path) {
        return "unknown field \"" + (path.startsWith(".") ? path.substring(1) : path) + "\"";
    }
}
