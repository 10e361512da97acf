/**
 * The OpenAPI v3 documents at {@code /openapi/v3}, built from the served resource types and their
 * schemas; kubectl reads them for {@code explain}, {@code apply} patch building and to learn that
 * the server validates fields itself. Entry point: {@link dev.fairway.sandbox.openapi.OpenApiV3}.
 */
package dev.fairway.sandbox.openapi;
