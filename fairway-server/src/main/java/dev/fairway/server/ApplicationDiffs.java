package dev.fairway.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The engine's live comparison of one application with git, for {@code GET .../diff}. */
@FunctionalInterface
public interface ApplicationDiffs {

    /**
     * @return {@code {"synced": bool, "resources": [{group, kind, namespace, name, state, diff}]}}
     * @throws java.util.NoSuchElementException when there is no such application
     * @throws RuntimeException with a message naming file and line when the source is broken
     */
    ObjectNode diff(String name);
}
