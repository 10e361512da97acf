package dev.fairway.kube.schema;

import java.util.Objects;

/**
 * The structural facts of one object (map or struct) field.
 *
 * @param atomic        whether server-side apply replaces and owns it as a whole ({@code x-kubernetes-map-type: atomic},
 *                      {@code +structType=atomic}, e.g. label selectors)
 * @param patchStrategy for strategic merge patch: merge key by key (default) or replace the whole map
 * @param retainKeys    whether it honours the {@code $retainKeys} directive (Deployment strategy)
 */
public record MapShape(boolean atomic, PatchStrategy patchStrategy, boolean retainKeys) {

    /** What Kubernetes assumes for an object it knows nothing about. */
    public static final MapShape GRANULAR = new MapShape(false, PatchStrategy.MERGE, false);
    public static final MapShape ATOMIC = new MapShape(true, PatchStrategy.MERGE, false);

    public MapShape {
        Objects.requireNonNull(patchStrategy, "patchStrategy");
    }
}
