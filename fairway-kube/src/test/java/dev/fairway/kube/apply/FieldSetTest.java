package dev.fairway.kube.apply;

import static dev.fairway.kube.apply.ApplyTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.kube.schema.MergeSchema;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    /** As a real API server stores it for a Deployment created by kubectl apply --server-side. */
    private static final String DEPLOYMENT_FIELDS = "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
            + "\"f:spec\":{\"f:replicas\":{},\"f:selector\":{},\"f:template\":{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
            + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},"
            + "\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}}}";

    @Test
    void decodesAndEncodesFieldsV1ExactlyAsKubernetesWritesIt() throws Exception {
        FieldSet set = FieldSet.fromFieldsV1(Json.parse(DEPLOYMENT_FIELDS));

        assertThat(set.paths()).extracting(Object::toString).contains(
                ".spec.replicas",
                ".spec.template.spec.containers[name=\"nginx\"]",
                ".spec.template.spec.containers[name=\"nginx\"].image",
                ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"].containerPort");
        assertThat(Json.write(set.toFieldsV1())).isEqualTo(DEPLOYMENT_FIELDS);
    }

    @Test
    void computesTheFieldsOfAnAppliedDeployment() {
        FieldSet set = FieldSet.of(obj("""
                {'metadata':{'labels':{'app':'nginx'}},
                 'spec':{'replicas':3,'selector':{'matchLabels':{'app':'nginx'}},
                   'template':{'metadata':{'labels':{'app':'nginx'}},
                     'spec':{'containers':[{'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80}]}]}}}}"""),
                MergeSchema.builtin(), new GroupVersionKind("apps", "v1", "Deployment"));
        assertThat(Json.write(set.toFieldsV1())).isEqualTo(DEPLOYMENT_FIELDS);
    }

    @Test
    void setItemsAreNamedByValue() throws Exception {
        FieldSet set = FieldSet.of(obj("{'metadata':{'finalizers':['example.com/cleanup']}}"), MergeSchema.builtin(),
                new GroupVersionKind("", "v1", "ConfigMap"));
        assertThat(Json.write(set.toFieldsV1()))
                .isEqualTo("{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"example.com/cleanup\\\"\":{}}}}");
        assertThat(set.toString()).isEqualTo(".metadata.finalizers[=\"example.com/cleanup\"]");
        assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
    }

    @Test
    void unionDifferenceAndIntersection() {
        FieldSet a = FieldSet.of(FieldPath.of("spec", "replicas"), FieldPath.of("spec", "paused"));
        FieldSet b = FieldSet.of(FieldPath.of("spec", "replicas"), FieldPath.of("spec", "minReadySeconds"));

        assertThat(a.union(b).size()).isEqualTo(3);
        assertThat(a.difference(b)).isEqualTo(FieldSet.of(FieldPath.of("spec", "paused")));
        assertThat(a.intersection(b)).isEqualTo(FieldSet.of(FieldPath.of("spec", "replicas")));
        assertThat(a.hasDescendant(FieldPath.of("spec"))).isTrue();
        assertThat(a.hasDescendant(FieldPath.of("spec", "replicas"))).isFalse();
    }

    @Test
    void indexElementsRoundTrip() throws Exception {
        FieldSet set = FieldSet.fromFieldsV1(Json.parse("{\"f:spec\":{\"f:args\":{\"i:0\":{}}}}"));
        assertThat(set.toString()).isEqualTo(".spec.args[0]");
        assertThat(Json.write(set.toFieldsV1())).isEqualTo("{\"f:spec\":{\"f:args\":{\"i:0\":{}}}}");
    }

    @Test
    void rejectsMalformedFieldsV1() throws Exception {
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parse("{\"spec\":{}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown path element \"spec\"");
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parse("{\"f:spec\":1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parse("{\"f:spec\":{\"k:[1]\":{}}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys must be a JSON object");
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parse("{\"f:a\":{\"k:{oops\":{}}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parse("{\"f:a\":{\"i:x\":{}}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index is not a number");
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parse("[]")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
