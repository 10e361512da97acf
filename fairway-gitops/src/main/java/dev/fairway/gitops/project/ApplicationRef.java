package dev.fairway.gitops.project;

import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.Destination;
import java.util.List;

/**
 * What project rules look at in an Application: its name and namespace, the project it names,
 * the repository URL of each source, and its destination as written (server or name, namespace).
 */
public record ApplicationRef(String name, String namespace, String project, List<String> repoURLs,
        Destination destination) {

    public ApplicationRef {
        repoURLs = List.copyOf(repoURLs);
        namespace = namespace == null ? "" : namespace;
    }

    public static ApplicationRef of(Application app) {
        return new ApplicationRef(app.name(), app.namespace(), app.project(), List.of(app.source().repoURL()),
                app.destination());
    }
}
