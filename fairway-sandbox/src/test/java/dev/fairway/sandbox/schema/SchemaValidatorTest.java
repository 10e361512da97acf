package dev.fairway.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.FieldError;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static final BuiltinSchemas BUILTINS = new BuiltinSchemas();
    private final SchemaValidator validator = new SchemaValidator();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode WIDGET = json("""
            {'type':'object','properties':{
              'spec':{'type':'object','required':['size'],'properties':{
                'size':{'type':'integer','minimum':1,'maximum':10},
                'ratio':{'type':'number','exclusiveMinimum':true,'minimum':0},
                'color':{'type':'string','enum':['red','blue']},
                'name':{'type':'string','pattern':'^[a-z]+$','minLength':2,'maxLength':5},
                'when':{'type':'string','format':'date-time'},
                'port':{'x-kubernetes-int-or-string':true},
                'tags':{'type':'array','maxItems':2,'minItems':1,'items':{'type':'string'},'x-kubernetes-list-type':'set'},
                'note':{'type':'string','nullable':true},
                'labels':{'type':'object','additionalProperties':{'type':'string'}},
                'config':{'type':'object','x-kubernetes-preserve-unknown-fields':true},
                'template':{'type':'object','x-kubernetes-embedded-resource':true,'properties':{'spec':{'type':'object'}}},
                'items':{'type':'array','items':{'type':'object','properties':{'name':{'type':'string'}}}}}}}}
            """);

    private ValidationResult widget(String spec) {
        return validator.validate(json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':"
                + spec + "}"), WIDGET, true);
    }

    private static String messages(ValidationResult r) {
        return String.join("\n", r.errors().stream().map(FieldError::message).toList());
    }

    @Test
    void validObjectPassesUnchanged() {
        ValidationResult r = widget("{'size':3,'color':'red','port':'http','tags':['a'],'note':null,'labels':{'a':'b'}}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.unknownFields()).isEmpty();
        assertThat(r.object().at("/spec/labels/a").asText()).isEqualTo("b");
        assertThat(r.object().at("/metadata/name").asText()).isEqualTo("w");
    }

    @Test
    void wrongTypeIsReportedAsTheApiServerDoes() {
        ValidationResult r = widget("{'size':'three'}");
        assertThat(messages(r)).isEqualTo(
                "spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"");
        assertThat(r.errors().get(0).type()).isEqualTo(FieldError.TYPE_INVALID);
    }

    @Test
    void integralDecimalIsAnInteger() {
        assertThat(widget("{'size':3.0}").errors()).isEmpty();
        assertThat(messages(widget("{'size':3.5}"))).contains("must be of type integer: \"number\"");
    }

    @Test
    void missingRequiredField() {
        assertThat(messages(widget("{}"))).isEqualTo("spec.size: Required value");
    }

    @Test
    void enumLimitsValues() {
        assertThat(messages(widget("{'size':1,'color':'green'}")))
                .isEqualTo("spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"");
    }

    @Test
    void numericBounds() {
        assertThat(messages(widget("{'size':0}")))
                .isEqualTo("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1");
        assertThat(messages(widget("{'size':11}")))
                .isEqualTo("spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10");
        assertThat(messages(widget("{'size':1,'ratio':0}")))
                .isEqualTo("spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0");
    }

    @Test
    void stringConstraints() {
        assertThat(messages(widget("{'size':1,'name':'A1'}")))
                .isEqualTo("spec.name: Invalid value: \"A1\": spec.name in body should match '^[a-z]+$'");
        assertThat(messages(widget("{'size':1,'name':'a'}")))
                .isEqualTo("spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long");
        assertThat(messages(widget("{'size':1,'name':'abcdef'}")))
                .isEqualTo("spec.name: Too long: may not be longer than 5");
        assertThat(messages(widget("{'size':1,'when':'yesterday'}"))).isEqualTo(
                "spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\"");
        assertThat(widget("{'size':1,'when':'2024-05-01T10:00:00Z'}").errors()).isEmpty();
    }

    @Test
    void intOrString() {
        assertThat(widget("{'size':1,'port':8080}").errors()).isEmpty();
        assertThat(messages(widget("{'size':1,'port':true}"))).isEqualTo(
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
    }

    @Test
    void arrayConstraints() {
        assertThat(messages(widget("{'size':1,'tags':[]}")))
                .isEqualTo("spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items");
        ValidationResult tooMany = widget("{'size':1,'tags':['a','b','c']}");
        assertThat(tooMany.errors()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("FieldValueTooMany");
            assertThat(e.badValue()).isEqualTo("3");
            assertThat(e.detail()).isEqualTo("must have at most 2 items");
        });
        assertThat(messages(widget("{'size':1,'tags':['a','a']}"))).isEqualTo("spec.tags[1]: Duplicate value: \"a\"");
        assertThat(messages(widget("{'size':1,'tags':[1]}")))
                .isEqualTo("spec.tags[0]: Invalid value: \"integer\": spec.tags[0] in body must be of type string: \"integer\"");
    }

    @Test
    void nullNeedsNullable() {
        assertThat(widget("{'size':1,'note':null}").errors()).isEmpty();
        assertThat(messages(widget("{'size':1,'color':null}")))
                .contains("spec.color: Invalid value: \"null\": spec.color in body must be of type string: \"null\"");
    }

    @Test
    void unknownFieldsArePrunedAndReported() {
        ValidationResult r = widget("{'size':1,'extra':1,'items':[{'name':'a','bogus':true}],'config':{'any':{'thing':1}}}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.unknownFields()).containsExactly(".spec.extra", ".spec.items[0].bogus");
        assertThat(r.object().at("/spec").has("extra")).isFalse();
        assertThat(r.object().at("/spec/items/0").has("bogus")).isFalse();
        assertThat(r.object().at("/spec/config/any/thing").asInt()).isEqualTo(1);
        assertThat(r.strictDecodingError())
                .contains("strict decoding error: unknown field \"spec.extra\", unknown field \"spec.items[0].bogus\"");
        assertThat(r.unknownFieldWarnings())
                .containsExactly("unknown field \"spec.extra\"", "unknown field \"spec.items[0].bogus\"");
    }

    @Test
    void withoutPruningUnknownFieldsStay() {
        ObjectNode in = json("{'apiVersion':'v1','kind':'Widget','spec':{'size':1,'extra':1},'other':2}");
        ValidationResult r = validator.validate(in, WIDGET, false);
        assertThat(r.unknownFields()).containsExactly(".spec.extra", ".other");
        assertThat(r.object().at("/spec/extra").asInt()).isEqualTo(1);
        assertThat(in.at("/spec/extra").asInt()).as("input untouched").isEqualTo(1);
        assertThat(r.strictDecodingError()).isPresent();
    }

    @Test
    void embeddedResourceAllowsTypeMetaAndRequiresIt() {
        ValidationResult ok = widget("{'size':1,'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{}}}");
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.unknownFields()).isEmpty();
        assertThat(messages(widget("{'size':1,'template':{'spec':{}}}"))).isEqualTo(
                "spec.template.apiVersion: Required value: must not be empty\nspec.template.kind: Required value: must not be empty");
    }

    @Test
    void builtinDeploymentSchemaCatchesCommonMistakes() {
        JsonNode schema = BUILTINS.schemaFor(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();
        ObjectNode deployment = json("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},
                 'spec':{'replicas':'two','selector':{'matchLabels':{'app':'web'}},'foo':1,
                   'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[
                     {'image':'nginx','ports':[{'containerPort':80}],'resources':{'limits':{'cpu':'500m','memory':1024}}}]}}}}
                """);
        ValidationResult r = validator.validate(deployment, schema, true);
        assertThat(messages(r)).isEqualTo(String.join("\n",
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
                "spec.template.spec.containers[0].name: Required value"));
        assertThat(r.unknownFields()).containsExactly(".spec.foo");
    }

    @Test
    void builtinKindsAcceptNullLikeTheGoDecoder() {
        JsonNode schema = BUILTINS.schemaFor(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();
        ObjectNode generated = json("""
                {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','creationTimestamp':null},
                 'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}},'strategy':{},
                   'template':{'metadata':{'creationTimestamp':null,'labels':{'app':'web'}},
                     'spec':{'containers':[{'name':'nginx','image':'nginx','resources':{}}]}}},'status':{}}
                """);
        ValidationResult r = validator.validate(generated, schema, true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.unknownFields()).isEmpty();
        assertThat(r.object()).isEqualTo(generated);
    }

    @Test
    void emptySchemaAcceptsAnything() {
        ValidationResult r = validator.validate(json("{'spec':{'a':1}}"), json("{}"), true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.unknownFields()).isEmpty();
    }

    @Test
    void goStyleNumbersInLimits() {
        assertThat(BadValues.goFloat(new java.math.BigDecimal("1000000"))).isEqualTo("1e+06");
        assertThat(BadValues.goFloat(new java.math.BigDecimal("0.5"))).isEqualTo("0.5");
        assertThat(BadValues.goFloat(new java.math.BigDecimal("100000"))).isEqualTo("100000");
        assertThat(BadValues.limit(new java.math.BigDecimal("1000000"), true)).isEqualTo("1000000");
    }
}
