package dev.fairway.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a write answers: the object, the HTTP code (200, 201, 202) and warnings for the client. */
public record WriteResult(ObjectNode object, int code, List<String> warnings) {}
