package dev.fairway.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdSchemaCheckTest {

    private static List<String> check(String schema) throws Exception {
        JsonNode node = Json.parse(schema.replace('\'', '"'));
        return CrdSchemaCheck.structural(node, "spec.versions[0].schema.openAPIV3Schema").stream()
                .map(FieldError::message).toList();
    }

    @Test
    void structuralSchemaPasses() throws Exception {
        assertThat(check("""
                {'type':'object','properties':{'metadata':{'type':'object','properties':{'name':{'type':'string'}}},
                 'spec':{'type':'object','properties':{'port':{'x-kubernetes-int-or-string':true},
                   'tags':{'type':'array','items':{'type':'string'}},'raw':{'x-kubernetes-preserve-unknown-fields':true},
                   'labels':{'type':'object','additionalProperties':{'type':'string'}}}}}}""")).isEmpty();
    }

    @Test
    void missingTypesAreReported() throws Exception {
        assertThat(check("{'properties':{'spec':{'properties':{'tags':{'type':'array'}}}}}")).containsExactly(
                "spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[tags].items: Required value: must be specified");
    }

    @Test
    void rootMustBeAnObject() throws Exception {
        assertThat(check("{'type':'string'}"))
                .containsExactly("spec.versions[0].schema.openAPIV3Schema.type: Invalid value: \"string\": must be object at the root");
    }

    @Test
    void commonMistakes() throws Exception {
        assertThat(check("""
                {'type':'object','properties':{'metadata':{'type':'object','properties':{'labels':{'type':'object'}}},
                 'spec':{'type':'object','x-kubernetes-preserve-unknown-fields':false,'properties':{'a':{'type':'string'}},
                   'additionalProperties':{'type':'string'}},
                 'port':{'type':'string','x-kubernetes-int-or-string':true},'when':{'type':'datetime'}}}"""))
                .containsExactlyInAnyOrder(
                        "spec.versions[0].schema.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
                        "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined",
                        "spec.versions[0].schema.openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive",
                        "spec.versions[0].schema.openAPIV3Schema.properties[port].type: Invalid value: \"string\": must be empty if x-kubernetes-int-or-string is true",
                        "spec.versions[0].schema.openAPIV3Schema.properties[when].type: Unsupported value: \"datetime\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"");
    }

    @Test
    void absentSchemaIsRequired() {
        assertThat(CrdSchemaCheck.structural(null)).extracting(FieldError::message)
                .containsExactly("openAPIV3Schema: Required value: a schema is required");
    }
}
