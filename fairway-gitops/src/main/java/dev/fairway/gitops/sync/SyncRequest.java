package dev.fairway.gitops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.IgnoredFields;
import java.util.List;

/**
 * What one sync operation works from; built again from git and the cluster at every step.
 *
 * @param application the application's name, for the tracking mark
 * @param revision the commit the desired objects come from
 * @param comparison desired against live for the application's resources (hooks not included)
 * @param hooks the hook objects from git, as rendered (no tracking mark, names not chosen yet)
 * @param prune delete objects that left git (automated prune, or a manual sync that asks)
 * @param options the application's {@code syncPolicy.syncOptions}
 * @param namespace the destination namespace
 * @param selected for a selective sync, the objects to sync; empty for all
 * @param ignored the application's ignoreDifferences, kept on apply with {@code RespectIgnoreDifferences=true}
 * @param namespaceMetadata {@code syncPolicy.managedNamespaceMetadata}: the labels and annotations
 *     of the namespace {@code CreateNamespace=true} makes; an empty object for none
 */
public record SyncRequest(String application, String revision, Comparison comparison, List<ObjectNode> hooks,
        boolean prune, SyncOptions options, String namespace, List<ResourceSelector> selected, IgnoredFields ignored,
        ObjectNode namespaceMetadata) {

    public SyncRequest {
        hooks = List.copyOf(hooks);
        selected = List.copyOf(selected);
        namespaceMetadata = namespaceMetadata == null ? dev.fairway.kube.Json.object() : namespaceMetadata.deepCopy();
    }

    public SyncRequest(String application, String revision, Comparison comparison, List<ObjectNode> hooks, boolean prune,
            SyncOptions options, String namespace, List<ResourceSelector> selected, IgnoredFields ignored) {
        this(application, revision, comparison, hooks, prune, options, namespace, selected, ignored, null);
    }

    public boolean isSelective() {
        return !selected.isEmpty();
    }
}
