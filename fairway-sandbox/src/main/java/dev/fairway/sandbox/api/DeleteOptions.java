package dev.fairway.sandbox.api;

/**
 * A delete request's options, as in {@code meta.k8s.io/v1 DeleteOptions}.
 *
 * @param propagationPolicy  Background, Foreground, Orphan, or null for the resource's default
 * @param preconditionUid    delete only if the uid still matches (or null)
 * @param preconditionRv     delete only if the resourceVersion still matches (or null)
 * @param gracePeriodSeconds requested grace period (pods), or null
 * @param dryRun             validate only
 */
public record DeleteOptions(String propagationPolicy, String preconditionUid, String preconditionRv,
                            Long gracePeriodSeconds, boolean dryRun) {
    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null, false);
}
