/**
 * Schemas of the objects the sandbox serves, and validation against them.
 *
 * <p>Every schema is an OpenAPI v3 JSON-schema tree, the form of a CRD's {@code openAPIV3Schema},
 * so built-in kinds and custom resources go through the same code: {@link
 * dev.fairway.sandbox.schema.BuiltinSchemas} generates the built-in kinds' schemas from fabric8's
 * model classes, {@link dev.fairway.sandbox.schema.SchemaValidator} validates and prunes an object
 * as the API server does, and {@link dev.fairway.sandbox.schema.CrdSchemaCheck} rejects CRD schemas
 * a real API server would not accept.
 */
package dev.fairway.sandbox.schema;
