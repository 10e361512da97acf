package dev.fairway.gitops.render.kustomize;

/** A generator's {@code behavior}: how its object combines with one of the same id from the resources. */
enum GeneratorBehavior {
    /** The default: an object of the same id is an error. */
    CREATE,
    /** The generated data is added to the existing object's (the generated keys win). */
    MERGE,
    /** The generated object takes the existing one's place. */
    REPLACE
}
