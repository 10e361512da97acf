/**
 * A kustomize v5 builder in Java, so that rendering a kustomization needs no kubectl: what
 * {@code kubectl kustomize DIR} prints, as {@code Manifest}s that remember the file and line each
 * object was written at. {@link dev.fairway.gitops.render.kustomize.KustomizeBuilder} is the
 * entry point; {@link dev.fairway.gitops.render.kustomize.UnsupportedKustomization} names a field
 * it does not implement, so that the caller can hand the kustomization to kubectl instead.
 *
 * <p>The steps follow kustomize's: {@code Kustomization} reads a file strictly;
 * {@code ResourceSet} gathers objects (resources, then generators, then components); the
 * transformers run in kustomize's order (strategic merge patches, patches, namespace, prefix,
 * suffix, labels, annotations, JSON 6902 patches, replicas, images) at the fields of
 * {@code field-specs.txt}; at the top, {@code ContentHash} suffixes generated names,
 * {@code NameReferences} makes references follow renames and {@code LegacyOrder} sorts.
 * {@code KustomizeConformanceTest} holds all of it to the real kubectl.
 */
package dev.fairway.gitops.render.kustomize;
