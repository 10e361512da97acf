package dev.fairway.sandbox.api;

import dev.fairway.sandbox.api.AdmissionRequest.FieldValidation;

/**
 * How a write was asked for.
 *
 * @param dryRun          {@code dryRun=All}: validate and answer, store nothing
 * @param fieldManager    the field manager name (defaults from the user agent)
 * @param fieldValidation Strict, Warn or Ignore
 * @param force           server-side apply: take ownership of conflicting fields
 */
public record WriteOptions(boolean dryRun, String fieldManager, FieldValidation fieldValidation, boolean force) {
    public static WriteOptions defaults(String manager) {
        return new WriteOptions(false, manager, FieldValidation.STRICT, false);
    }
}
