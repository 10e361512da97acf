package dev.fairway.gitops.sync;

import static dev.fairway.gitops.app.TestYaml.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncOrderTest {

    private static ObjectNode object(String kind, String name, String wave) {
        String annotations = wave == null ? "" : ", annotations: {argocd.argoproj.io/sync-wave: \"" + wave + "\"}";
        return yaml("{apiVersion: v1, kind: " + kind + ", metadata: {name: " + name + annotations + "}}");
    }

    @Test
    void namespacesAndCrdsComeBeforeWhatNeedsThem() {
        List<ObjectNode> objects = new ArrayList<>(List.of(object("Ingress", "i", null), object("Widget", "w", null),
                object("Deployment", "d", null), object("CustomResourceDefinition", "c", null), object("Service", "s", null),
                object("ConfigMap", "m", null), object("Namespace", "n", null), object("ServiceAccount", "a", null)));
        objects.sort(SyncOrder.APPLY);
        assertThat(objects).extracting(Meta::kind).containsExactly("Namespace", "ServiceAccount", "ConfigMap",
                "CustomResourceDefinition", "Service", "Deployment", "Ingress", "Widget");
    }

    @Test
    void wavesComeFirstThenKindThenName() {
        List<ObjectNode> objects = new ArrayList<>(List.of(object("ConfigMap", "b", null), object("Namespace", "late", "5"),
                object("ConfigMap", "a", null), object("Deployment", "early", "-1"), object("Service", "odd", "soon")));
        objects.sort(SyncOrder.APPLY);
        assertThat(objects).extracting(Meta::name).containsExactly("early", "a", "b", "odd", "late");
    }
}
