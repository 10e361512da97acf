package dev.fairway.gitops.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Meta;
import java.util.Locale;
import java.util.Optional;

/**
 * How the engine marks the objects an application manages, as Argo CD's
 * {@code application.resourceTrackingMethod} setting: the label
 * {@code app.kubernetes.io/instance}, the annotation {@code argocd.argoproj.io/tracking-id}, or
 * both (the annotation decides, the label is for humans and selectors).
 */
public enum TrackingMethod {
    LABEL, ANNOTATION, ANNOTATION_AND_LABEL;

    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String TRACKING_ID_ANNOTATION = "argocd.argoproj.io/tracking-id";

    /** Reads Argo CD's setting value: {@code label}, {@code annotation} or {@code annotation+label}. */
    public static TrackingMethod parse(String setting) {
        return switch (setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT)) {
            case "", "label" -> LABEL;
            case "annotation" -> ANNOTATION;
            case "annotation+label" -> ANNOTATION_AND_LABEL;
            default -> throw new IllegalArgumentException("unknown resource tracking method \"" + setting
                    + "\"; use label, annotation or annotation+label");
        };
    }

    /** The application that manages the object, if any. */
    public Optional<String> applicationOf(JsonNode object) {
        if (this == LABEL) {
            return Optional.ofNullable(Meta.text(Meta.at(object, "metadata", "labels"), INSTANCE_LABEL)).filter(s -> !s.isEmpty());
        }
        String id = Meta.text(Meta.at(object, "metadata", "annotations"), TRACKING_ID_ANNOTATION);
        if (id == null) {
            return Optional.empty();
        }
        int colon = id.indexOf(':');
        // an object copied from another (kubectl get -o yaml | kubectl apply) carries the original's id; it is not managed
        if (colon <= 0 || !id.equals(trackingId(id.substring(0, colon), ResourceKey.of(object)))) {
            return Optional.empty();
        }
        return Optional.of(id.substring(0, colon));
    }

    /** Marks a desired object as managed by the application, before it is applied. */
    public void mark(ObjectNode object, String application) {
        ObjectNode metadata = Meta.metadata(object);
        if (this != ANNOTATION) {
            child(metadata, "labels").put(INSTANCE_LABEL, application);
        }
        if (this != LABEL) {
            child(metadata, "annotations").put(TRACKING_ID_ANNOTATION, trackingId(application, ResourceKey.of(object)));
        }
    }

    /** Argo CD's annotation value: {@code app:group/Kind:namespace/name}. */
    static String trackingId(String application, ResourceKey key) {
        return application + ":" + key.group() + "/" + key.kind() + ":" + key.namespace() + "/" + key.name();
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing instanceof ObjectNode o ? o : parent.putObject(field);
    }
}
