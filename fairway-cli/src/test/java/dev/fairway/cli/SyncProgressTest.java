package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairway.kube.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncProgressTest {

    static final String APP = """
            {"status":{"health":{"status":"Progressing"},"operationState":{"phase":"Running","syncResult":{"resources":[
              {"group":"batch","kind":"Job","namespace":"idp","name":"idp-migrate","hookType":"PreSync","syncPhase":"PreSync","status":"Synced","hookPhase":"Succeeded","message":"job completed"},
              {"group":"apps","kind":"Deployment","namespace":"idp","name":"idp","syncPhase":"Sync","status":"Synced","hookPhase":"Running","message":"waiting for healthy"},
              {"group":"","kind":"ConfigMap","namespace":"idp","name":"late","syncPhase":"Sync","status":"","hookPhase":""}
            ]}}}}
            """;

    @Test
    void linesSayEachResourcesPhaseAndResultAndChangesOnlyOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SyncProgress progress = new SyncProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        progress.show("idp", Json.parse(APP));
        progress.show("idp", Json.parse(APP));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("idp: sync Running, 1/3 resources done, health Progressing")
                .contains("Job/idp/idp-migrate PreSync hook Synced: job completed")
                .contains("Deployment/idp/idp Sync Synced, waiting: waiting for healthy");
        assertThat(out.lines().count()).as("a second identical observation prints nothing").isEqualTo(4);
    }

    @Test
    void resourceSelectorsUseArgoCdsSyntax() {
        assertThat(AppCommand.resourceSelector("apps:Deployment:idp/idp").toString())
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"Deployment\",\"namespace\":\"idp\",\"name\":\"idp\"}");
        assertThat(AppCommand.resourceSelector(":ConfigMap:settings").toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"ConfigMap\",\"name\":\"settings\"}");
        assertThatThrownBy(() -> AppCommand.resourceSelector("Deployment/idp")).hasMessageContaining("expected GROUP:KIND:NAME");
    }
}
