/**
 * The three PATCH bodies the API server accepts besides apply: {@link dev.fairway.kube.patch.JsonPatch} (RFC 6902),
 * {@link dev.fairway.kube.patch.MergePatch} (RFC 7386) and {@link dev.fairway.kube.patch.StrategicMergePatch}
 * (built-in kinds only). Bad patches raise {@link dev.fairway.kube.patch.PatchException} with the HTTP status to answer.
 */
package dev.fairway.kube.patch;
