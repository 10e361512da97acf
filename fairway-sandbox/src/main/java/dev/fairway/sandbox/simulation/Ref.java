package dev.fairway.sandbox.simulation;

import com.fasterxml.jackson.databind.JsonNode;

/** A namespaced object's name, the key of the simulation's work queues ("" namespace: cluster-scoped). */
record Ref(String namespace, String name) {

    static Ref of(JsonNode obj) {
        JsonNode m = obj.path("metadata");
        return new Ref(m.path("namespace").asText(""), m.path("name").asText());
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
