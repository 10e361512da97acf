package dev.fairway.sandbox.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses Accept headers with Kubernetes' media-type parameters ({@code as}, {@code g}, {@code v}). */
record MediaTypes(List<MediaType> ranges) {

    record MediaType(String type, Map<String, String> params) {
        String param(String name) {
            return params.get(name);
        }

        boolean isJson() {
            return type.equals("application/json") || type.equals("*/*") || type.equals("application/*");
        }

        /** Whether this asks for a specific "as" kind in group g and version v. */
        boolean asKind(String as, String group, String version) {
            return isJson() && as.equals(params.get("as")) && group.equals(params.get("g"))
                    && (version == null || version.equals(params.get("v")));
        }
    }

    static MediaTypes parse(String header) {
        List<MediaType> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            out.add(new MediaType("application/json", Map.of()));
            return new MediaTypes(out);
        }
        for (String range : header.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
                }
            }
            out.add(new MediaType(type, params));
        }
        return new MediaTypes(out);
    }

    /** The first acceptable "as" form among the given kinds in group g: Table, PartialObjectMetadata(List), or null for plain JSON. */
    String firstAs(String group, List<String> kinds) {
        for (MediaType m : ranges) {
            if (!m.isJson()) {
                continue;
            }
            String as = m.param("as");
            if (as == null) {
                return null;
            }
            if (kinds.contains(as) && group.equals(m.param("g"))) {
                return as;
            }
        }
        return null;
    }

    boolean acceptsJson() {
        for (MediaType m : ranges) {
            if (m.isJson() || m.type().equals("application/yaml") || m.type().equals("text/plain")) {
                return true;
            }
        }
        return false;
    }
}
