package dev.fairway.gitops.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rendering options of an Application's {@code spec.source}. An option block that is present
 * also chooses the source type, as in Argo CD; with none, the type is detected from the files.
 *
 * @param applicationName the Application's name (helm's default release name); may be empty
 */
public record SourceOptions(String applicationName, Optional<DirectoryOptions> directory,
        Optional<KustomizeOptions> kustomize, Optional<HelmOptions> helm) {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public static SourceOptions none() {
        return new SourceOptions("", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads {@code spec.source} of an Application.
     *
     * @throws InvalidSourceException when an option has the wrong type
     */
    public static SourceOptions fromSource(String applicationName, ObjectNode source) {
        SourceFields fields = new SourceFields(source, "spec.source");
        SourceFields directory = fields.field("directory");
        SourceFields kustomize = fields.field("kustomize");
        SourceFields helm = fields.field("helm");
        return new SourceOptions(applicationName == null ? "" : applicationName,
                directory.present() ? Optional.of(DirectoryOptions.parse(directory)) : Optional.empty(),
                kustomize.present() ? Optional.of(KustomizeOptions.parse(kustomize)) : Optional.empty(),
                helm.present() ? Optional.of(HelmOptions.parse(helm)) : Optional.empty());
    }

    /** A stable digest of every option, for cache keys: equal options give equal hashes. */
    public String hash() {
        try {
            java.util.Map<String, Object> fields = new java.util.TreeMap<>();
            fields.put("applicationName", applicationName);
            fields.put("directory", directory.orElse(null));
            fields.put("kustomize", kustomize.orElse(null));
            fields.put("helm", helm.orElse(null));
            byte[] canonical = CANONICAL.writeValueAsBytes(fields);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("source options cannot be written as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String hash(String salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(hash().getBytes(StandardCharsets.UTF_8));
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
