package dev.fairway.sandbox.api;

/**
 * A step every write passes before it is stored: defaulting, validation, policy. Steps mutate the
 * request's object in place or throw an {@link ApiException} (e.g. 422 Invalid) to refuse it.
 */
@FunctionalInterface
public interface Admission {
    void admit(AdmissionRequest request) throws ApiException;
}
