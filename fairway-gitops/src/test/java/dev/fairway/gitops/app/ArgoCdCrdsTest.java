package dev.fairway.gitops.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.kube.Json;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ArgoCdCrdsTest {

    private static JsonNode resource(String name) throws Exception {
        try (InputStream in = ArgoCdCrdsTest.class.getResourceAsStream("/crds/" + name)) {
            assertThat(in).as(name).isNotNull();
            return Json.YAML.readTree(in);
        }
    }

    @Test
    void applicationCrdHasArgoCdNamesAndKeepsUnknownFields() throws Exception {
        JsonNode crd = resource("applications.yaml");
        assertThat(crd.at("/spec/group").asText()).isEqualTo("argoproj.io");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/names/shortNames").toString()).isEqualTo("[\"app\",\"apps\"]");
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties");
        for (String field : new String[] {"spec", "status", "operation"}) {
            assertThat(schema.at("/" + field + "/x-kubernetes-preserve-unknown-fields").asBoolean()).as(field).isTrue();
        }
        assertThat(schema.at("/spec/properties/syncPolicy/properties/automated/properties/selfHeal/type").asText()).isEqualTo("boolean");
        assertThat(crd.at("/spec/versions/0/additionalPrinterColumns/0/name").asText()).isEqualTo("Sync Status");
        assertThat(crd.at("/spec/versions/0/additionalPrinterColumns/1/jsonPath").asText()).isEqualTo(".status.health.status");
    }

    @Test
    void appProjectCrdAndDefaultProject() throws Exception {
        assertThat(resource("appprojects.yaml").at("/spec/names/shortNames").toString()).isEqualTo("[\"appproj\",\"appprojs\"]");
        JsonNode project = resource("default-appproject.yaml");
        assertThat(project.at("/metadata/name").asText()).isEqualTo("default");
        assertThat(project.at("/spec/sourceRepos/0").asText()).isEqualTo("*");
    }
}
