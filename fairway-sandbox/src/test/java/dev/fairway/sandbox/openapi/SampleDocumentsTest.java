package dev.fairway.sandbox.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.kube.Json;
import dev.fairway.sandbox.schema.BuiltinSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes sample documents to {@code target/openapi-samples/} so they can be compared by eye with a
 * real cluster's {@code kubectl get --raw /openapi/v3/apis/apps/v1}.
 */
class SampleDocumentsTest {

    @Test
    void writeSamples() throws IOException {
        OpenApiV3.Snapshot snapshot = new OpenApiV3(new BuiltinSchemas()).snapshot(
                List.of(OpenApiV3Test.DEPLOYMENT, OpenApiV3Test.POD, OpenApiV3Test.NAMESPACE, OpenApiV3Test.CRONTAB),
                OpenApiV3Test.crdSchemas(OpenApiV3Test.CRONTAB_SCHEMA));
        Path dir = Path.of("target", "openapi-samples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(snapshot.index()));
        for (String path : snapshot.documents().keySet()) {
            Path file = dir.resolve(path.replace("/", "__") + ".json");
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot.document(path)));
            assertThat(file).isNotEmptyFile();
        }
    }
}
