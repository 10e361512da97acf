/**
 * Server-side apply and field ownership: {@link dev.fairway.kube.apply.ServerSideApply} for apply requests,
 * {@link dev.fairway.kube.apply.ManagedFieldsTracker} for every other write, {@link dev.fairway.kube.apply.FieldSet}
 * for the FieldsV1 field sets stored in {@code metadata.managedFields}.
 */
package dev.fairway.kube.apply;
