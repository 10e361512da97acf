package dev.fairway.kube.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.kube.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "env", "prod");

    @Test
    void equalityAndInequality() {
        assertThat(LabelSelector.parse("app=web").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app==web,tier=front").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app!=web").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("missing!=x").matches(WEB)).isTrue();
    }

    @Test
    void setBasedRequirements() {
        assertThat(LabelSelector.parse("env in (prod, staging)").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("env notin (prod)").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("tier").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("!tier").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("app=web,env in (dev,prod),!legacy").matches(WEB)).isTrue();
    }

    @Test
    void emptySelectsEverything() {
        assertThat(LabelSelector.parse("").matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
    }

    @Test
    void malformedSelectorsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> LabelSelector.parse("app=we b")).hasMessageContaining("invalid label value");
        assertThatThrownBy(() -> LabelSelector.parse("env in prod")).hasMessageContaining("expected: '('");
        assertThatThrownBy(() -> LabelSelector.parse("-bad=x")).hasMessageContaining("invalid label key");
    }

    @Test
    void fromSelectorObjectAndBackToText() throws Exception {
        var sel = LabelSelector.fromObject(Json.parse(
                "{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\",\"values\":[\"prod\",\"dev\"]}]}"));
        assertThat(sel.matches(WEB)).isTrue();
        assertThat(sel.toString()).isEqualTo("app=web,env in (dev,prod)");
        assertThat(LabelSelector.parse(sel.toString()).matches(WEB)).isTrue();
    }

    @Test
    void fieldSelectorsReadDottedPaths() throws Exception {
        var pod = Json.parse("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}");
        assertThat(FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed").matches(pod)).isTrue();
        assertThat(FieldSelector.parse("metadata.name=q").matches(pod)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName=").matches(Json.parse("{\"spec\":{}}"))).isTrue();
        assertThat(FieldSelector.parse("metadata.name=p").exactValue("metadata.name")).isEqualTo("p");
        assertThatThrownBy(() -> FieldSelector.parse("nonsense")).hasMessageContaining("invalid selector");
    }
}
