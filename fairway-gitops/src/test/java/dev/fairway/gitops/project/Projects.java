package dev.fairway.gitops.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Destination;
import dev.fairway.kube.Json;
import java.util.List;

/** Projects, applications and objects for tests, written as YAML. */
final class Projects {

    private Projects() {}

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("test YAML does not parse: " + text, e);
        }
    }

    /** An AppProject named {@code name} with the given spec (YAML, indented by four spaces). */
    static AppProject project(String name, String spec) {
        return AppProject.parse(object(name, spec));
    }

    static ObjectNode object(String name, String spec) {
        return yaml("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: " + name
                + "\n  namespace: argocd\nspec:\n" + spec);
    }

    static ApplicationRef app(String project, String repo, String server, String namespace) {
        return new ApplicationRef("guestbook", "argocd", project, List.of(repo), new Destination(server, "", namespace));
    }

    static ObjectNode resource(String apiVersion, String kind, String namespace, String name) {
        return yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name
                + (namespace == null ? "" : "\n  namespace: " + namespace));
    }
}
