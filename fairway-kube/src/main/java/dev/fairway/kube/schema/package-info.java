/**
 * The structural facts of Kubernetes objects that merging needs: which lists are atomic, sets or maps keyed by some
 * fields, which maps are atomic, and the strategic merge patch tags ({@code patchMergeKey}, {@code patchStrategy}).
 * {@link dev.fairway.kube.schema.MergeSchema#builtin()} knows the built-in kinds;
 * {@link dev.fairway.kube.schema.MergeSchema#fromOpenApi} reads a CRD version's schema.
 */
package dev.fairway.kube.schema;
