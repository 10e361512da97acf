package dev.fairway.gitops.render.kustomize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fairway.kube.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line each value of a YAML document starts on, by JSON pointer ({@code /resources/2}), so
 * that a mistake in a kustomization can be reported at its line.
 */
final class LineIndex {

    private final Map<String, Integer> lines = new HashMap<>();

    private LineIndex() {}

    /** Indexes valid YAML text; text that cannot be parsed gives an empty index. */
    static LineIndex of(String text) {
        LineIndex index = new LineIndex();
        try (JsonParser parser = Json.YAML.getFactory().createParser(text)) {
            if (parser.nextToken() != null) {
                index.walk(parser, "");
            }
        } catch (IOException | RuntimeException e) {
            // the strict reader reports syntax errors itself; lines are only a help for messages
        }
        return index;
    }

    private void walk(JsonParser parser, String pointer) throws IOException {
        lines.put(pointer, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                walk(parser, child);
                lines.put(child, keyLine); // a key's line is where users look, even for a block value
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, pointer + "/" + i++);
            }
        }
    }

    /** The line of the value at {@code pointer}, or of the nearest enclosing value; 0 when unknown. */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
