package dev.fairway.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.sandbox.api.Admission;
import dev.fairway.sandbox.api.AdmissionRequest;
import dev.fairway.sandbox.api.AdmissionRequest.FieldValidation;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.Schemas;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import dev.fairway.sandbox.schema.SchemaValidator;
import dev.fairway.sandbox.schema.ValidationResult;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks objects against their schema: custom resources against their CRD's structural schema
 * (types, required, enums, ... and pruning of unknown fields), built-ins against the Kubernetes
 * types. Unknown fields fail the request with {@code fieldValidation=Strict}, come back as
 * warnings with Warn, and are dropped silently with Ignore, as kube-apiserver does.
 */
public final class SchemaAdmission implements Admission {

    private final Schemas schemas;
    private final BuiltinSchemas builtins;
    private final SchemaValidator validator = new SchemaValidator();

    public SchemaAdmission(Schemas schemas, BuiltinSchemas builtins) {
        this.schemas = schemas;
        this.builtins = builtins;
    }

    @Override
    public void admit(AdmissionRequest req) throws ApiException {
        if (req.operation() == AdmissionRequest.Operation.DELETE) {
            return;
        }
        ObjectMetaTypes.check(req.type(), req.object());
        ByteFields.check(req.type(), req.object());
        Optional<JsonNode> schema = schemas.isCustom(req.type()) ? schemas.crdSchema(req.type()) : builtins.schemaFor(req.type().gvk());
        if (schema.isEmpty()) {
            return;
        }
        ObjectNode obj = req.object();
        ValidationResult r = validator.validate(obj, schema.get(), true);
        if (!r.unknownFields().isEmpty()) {
            if (req.fieldValidation() == FieldValidation.STRICT) {
                String kind = req.type().kind();
                throw ApiException.badRequest(kind + " in version \"" + req.type().version() + "\" cannot be handled as a "
                        + kind + ": " + r.strictDecodingError().orElseThrow());
            }
            if (req.fieldValidation() == FieldValidation.WARN) {
                req.warnings().addAll(r.unknownFieldWarnings());
            }
        }
        if (!r.errors().isEmpty()) {
            throw ApiException.invalid(req.type(), obj.path("metadata").path("name").asText(), r.errors());
        }
        replaceContents(obj, r.object());
    }

    private static void replaceContents(ObjectNode target, ObjectNode source) {
        if (target == source) {
            return;
        }
        target.removeAll();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            target.set(e.getKey(), e.getValue());
        }
    }
}
