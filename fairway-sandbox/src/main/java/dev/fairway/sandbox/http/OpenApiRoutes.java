package dev.fairway.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.api.ApiException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code /openapi/v3} and its group-version documents, which kubectl reads for validation and explain. */
public final class OpenApiRoutes {

    /** The documents to serve; built from the registry and schemas, cached by the implementation. */
    public interface Documents {
        /** The index: {@code {"paths": {"apis/apps/v1": {"serverRelativeURL": ...}}}}. */
        ObjectNode index();

        /** The OpenAPI document of {@code api/v1} or {@code apis/G/V}. */
        Optional<ObjectNode> groupVersion(String path);
    }

    private final Documents documents;

    public OpenApiRoutes(Documents documents) {
        this.documents = documents;
    }

    void serve(ApiHandler.Exchange ex, List<String> segs) throws ApiException, IOException {
        ex.auditable = false;
        if (segs.size() >= 2 && segs.get(1).equals("v3")) {
            if (segs.size() == 2) {
                ex.json(200, documents.index());
                return;
            }
            String path = String.join("/", segs.subList(2, segs.size()));
            Optional<ObjectNode> doc = documents.groupVersion(path);
            if (doc.isEmpty()) {
                throw ApiException.notFound("the server could not find the requested resource");
            }
            ex.response.getHeaders().put("Cache-Control", "public, immutable");
            ex.bytes(200, "application/json", Json.bytes(doc.get()));
            return;
        }
        throw ApiException.notFound("the server could not find the requested resource");
    }
}
