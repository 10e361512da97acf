package dev.fairway.gitops.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.gitops.app.Application;
import dev.fairway.gitops.app.InvalidSpecError;
import dev.fairway.gitops.cluster.ClusterCache;
import dev.fairway.gitops.cluster.ClusterCacheException;
import dev.fairway.gitops.cluster.ResourceKey;
import dev.fairway.gitops.diff.Comparison;
import dev.fairway.gitops.diff.IgnoredFields;
import dev.fairway.gitops.diff.JqPathExpressions;
import dev.fairway.gitops.diff.ResourceDiff;
import dev.fairway.gitops.diff.ResourceState;
import dev.fairway.gitops.health.Health;
import dev.fairway.gitops.project.AppProject;
import dev.fairway.gitops.project.ApplicationRef;
import dev.fairway.gitops.project.InvalidProjectError;
import dev.fairway.gitops.project.OrphanReport;
import dev.fairway.gitops.project.OrphanedResources;
import dev.fairway.gitops.project.ProjectPolicy;
import dev.fairway.gitops.project.ProjectViolation;
import dev.fairway.gitops.project.SyncWindowDecision;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.health.HealthStatus;
import dev.fairway.gitops.render.RenderedManifests;
import dev.fairway.gitops.app.SyncOptions;
import dev.fairway.gitops.sync.Hook;
import dev.fairway.gitops.sync.OperationRecord;
import dev.fairway.gitops.sync.OperationState;
import dev.fairway.gitops.sync.ResourceSelector;
import dev.fairway.gitops.sync.SyncOperation;
import dev.fairway.gitops.sync.SyncPlanner;
import dev.fairway.gitops.cluster.DeletePropagation;
import dev.fairway.gitops.sync.SyncRequest;
import dev.fairway.kube.GroupVersionKind;
import dev.fairway.kube.Json;
import dev.fairway.kube.Meta;
import dev.fairway.kube.yaml.Manifest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges one Application: reads its spec, gets the desired objects, compares them with the
 * cluster, assesses health, syncs when the policy (or a requested operation) says so, and writes
 * what it found and did to the Application's status. Every step works from what it reads now, so
 * running it again after a crash at any point is safe.
 */
final class ApplicationReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationReconciler.class);
    /** How soon to look again after a sync, when the cache has caught up with the writes. */
    private static final Duration AFTER_SYNC = Duration.ofSeconds(1);

    private final DesiredStateSource source;
    /** ignoreDifferences jq expressions, compiled once for every application. */
    private final JqPathExpressions jq = new JqPathExpressions();
    private final HealthAssessor health;
    private final ApplicationStore store;
    private final ProjectCache projects;
    private final DestinationClusters clusters;
    private final ControllerSettings settings;
    private final Clock clock;
    /** Whether an application of that name exists in the control-plane namespace (its objects are no orphans). */
    private final java.util.function.Predicate<String> applicationExists;

    ApplicationReconciler(DesiredStateSource source, DestinationClusters clusters, HealthAssessor health,
            ApplicationStore store, ProjectCache projects, ControllerSettings settings, Clock clock,
            java.util.function.Predicate<String> applicationExists) {
        this.source = source;
        this.applicationExists = applicationExists;
        this.projects = projects;
        this.clusters = clusters;
        this.health = health;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Argo CD's request for a new comparison ("normal") or a new rendering too ("hard"); removed once served. */
    static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";

    /**
     * Compares the application with git and the cluster now, without writing anything (what
     * {@code fairway app diff} shows).
     *
     * @throws InvalidSpecError for a broken spec; the source's exception for a broken source
     */
    Comparison compare(ObjectNode object) {
        Application app = Application.parse(object);
        DestinationClusters.Connection c = clusters.forApp(app);
        RenderedManifests desired = source.desired(app);
        List<ObjectNode> desiredObjects = split(app, desired).resources();
        return c.differ().compare(desiredObjects, liveObjects(c, app, desiredObjects, object.path("status")), ignored(app));
    }

    /** How soon to try an unreachable destination cluster again. */
    private static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(10);

    /**
     * @return when to reconcile the application again at the latest
     */
    Duration reconcile(ObjectNode object) {
        try {
            return reconcileNow(object);
        } catch (RuntimeException e) {
            if (!unreachable(e)) {
                throw e;
            }
            // the destination cluster does not answer: say so, and keep trying; nothing is known of its objects
            Instant now = clock.instant();
            JsonNode oldStatus = object.path("status");
            ObjectNode status = Json.object();
            carry(oldStatus, status, "operationState", "history", "resources", "summary", "sourceType");
            JsonNode destination = object.path("spec").path("destination");
            String cluster = destination.path("server").asText(destination.path("name").asText(""));
            String message = e instanceof DestinationClusters.ClusterUnreachableException ? e.getMessage()
                    : "cluster " + cluster + " is unreachable (connection state Failed): " + rootMessage(e);
            status.putObject("sync").put("status", "Unknown");
            status.putObject("health").put("status", HealthStatus.Unknown.name());
            status.putArray("conditions").add(StatusFields.condition("ComparisonError", message + "; retrying every "
                    + UNREACHABLE_RETRY.toSeconds() + "s", oldStatus.path("conditions"), now));
            LOG.info("event=cluster-unreachable application={}/{} cluster={} message=\"{}\"", Meta.namespace(object),
                    Meta.name(object), cluster, rootMessage(e));
            store.writeStatus(object, status, false, now, settings.resyncPeriod());
            return UNREACHABLE_RETRY;
        }
    }

    /** A failure to reach a cluster at all (refused, timed out, no route), as opposed to an answer. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.UnknownHostException || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.http.HttpConnectTimeoutException || t instanceof ClusterCacheException
                    || t instanceof DestinationClusters.ClusterUnreachableException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private Duration reconcileNow(ObjectNode object) {
        Instant now = clock.instant();
        JsonNode oldStatus = object.path("status");
        ObjectNode status = Json.object();
        carry(oldStatus, status, "operationState", "history");

        if (object.path("metadata").hasNonNull("deletionTimestamp")) {
            return finalizeDeletion(object);
        }
        Application app;
        ProjectPolicy policy;
        DestinationClusters.Connection c;
        try {
            app = Application.parse(object);
            c = clusters.forApp(app);
            policy = checkProject(app, c);
            ignored(app); // a jq expression that does not parse is a mistake in the spec
        } catch (InvalidSpecError e) {
            status.putObject("sync").put("status", "Unknown");
            status.putObject("health").put("status", HealthStatus.Unknown.name());
            status.putArray("conditions").add(StatusFields.condition("InvalidSpecError", e.getMessage(), oldStatus.path("conditions"), now));
            store.writeStatus(object, status, false, now, settings.resyncPeriod());
            return settings.resyncPeriod();
        }
        status.put("sourceType", source.sourceType(app));

        String refresh = object.path("metadata").path("annotations").path(REFRESH_ANNOTATION).asText("");
        if (!refresh.isEmpty()) {
            source.refresh(app, "hard".equals(refresh));
            store.clearAnnotation(object, REFRESH_ANNOTATION);
        }
        RenderedManifests desired;
        try {
            desired = source.desired(app);
        } catch (RuntimeException e) {
            // the source is broken: keep what was last known of the objects, say why it cannot be compared
            LOG.info("event=comparison-error application={} message=\"{}\"", app.key(), e.getMessage());
            carry(oldStatus, status, "resources", "health", "summary");
            ObjectNode sync = status.putObject("sync").put("status", "Unknown");
            sync.set("comparedTo", comparedTo(app));
            status.putArray("conditions").add(StatusFields.condition("ComparisonError", String.valueOf(e.getMessage()),
                    oldStatus.path("conditions"), now));
            store.writeStatus(object, status, false, now, settings.resyncPeriod());
            return settings.resyncPeriod();
        }

        DesiredObjects objects = split(app, desired);
        Comparison comparison = c.differ().compare(objects.resources(), liveObjects(c, app, objects.resources(), oldStatus),
                ignored(app));
        // a hostile or mistaken repository: nothing of the app is applied while any object breaks the project's rules
        List<ObjectNode> everything = new ArrayList<>(objects.resources());
        everything.addAll(objects.hooks());
        List<ProjectViolation> violations = policy.checkResources(ApplicationRef.of(app), everything);

        Duration next = settings.resyncPeriod();
        Optional<OperationState> last = OperationState.read(oldStatus.get("operationState"));
        OperationState operation = null;
        JsonNode requested = object.path("operation").path("sync");
        OperationState refused = null;
        if (last.isPresent() && last.get().isRunning()) {
            operation = last.get(); // resume: after a restart too, from what the status recorded
        } else if (requested.isObject()) {
            // a sync someone asked for (CLI, UI, kubectl patch), as Argo CD's operation field
            String asked = requested.path("revision").asText("");
            operation = OperationState.start((ObjectNode) object.get("operation"), asked.isEmpty() ? desired.revision() : asked, now, 0);
            SyncWindowDecision window = policy.project().syncWindows().canSync(ApplicationRef.of(app), true, now);
            if (!violations.isEmpty() || !window.allowed()) {
                refused = operation.finish(OperationState.FAILED, !violations.isEmpty() ? notPermitted(violations) : window.message(),
                        List.of(), now);
                operation = null;
            }
        } else if (!violations.isEmpty()) {
            LOG.info("event=sync-refused application={} reason=\"{}\"", app.key(), notPermitted(violations));
        } else if (!policy.project().syncWindows().canSync(ApplicationRef.of(app), false, now).allowed()) {
            LOG.info("event=auto-sync-blocked application={} reason=\"{}\"", app.key(),
                    policy.project().syncWindows().canSync(ApplicationRef.of(app), false, now).message());
        } else {
            AutoSync decision = AutoSync.decide(app, comparison, desired.revision(), oldStatus.get("operationState"), now,
                    settings.selfHealDelay());
            if (decision.sync()) {
                LOG.info("event=auto-sync application={} revision={} reason=\"{}\"", app.key(), desired.revision(), decision.reason());
                comparison.outOfSync().stream().filter(r -> r.state() == ResourceState.OUT_OF_SYNC).forEach(r ->
                        LOG.info("event=drift application={} resource={} diff=\n{}", app.key(), r.key(), r.diff()));
                ObjectNode auto = Json.object();
                auto.putObject("sync").put("revision", desired.revision())
                        .put("prune", app.syncPolicy().automated().get().prune());
                auto.putObject("initiatedBy").put("automated", true);
                operation = OperationState.start(auto, desired.revision(), now, decision.retryCount());
            } else if (decision.recheckIn().isPresent() && decision.recheckIn().get().compareTo(next) < 0) {
                next = decision.recheckIn().get();
            }
        }
        SyncRequest request = null;
        if (operation != null) {
            try {
                request = operationRequest(c, app, object, operation, comparison, objects, desired);
            } catch (RuntimeException e) {
                // the revision the operation is for cannot be had (gone from the repository, does not render)
                refused = operation.finish(OperationState.FAILED, "cannot sync revision " + operation.revision() + ": "
                        + e.getMessage(), List.of(), now);
                operation = null;
            }
        }
        boolean operationDone = false;
        JsonNode sourceNode = object.path("spec").path("source");
        if (refused != null) {
            LOG.info("event=sync-refused application={} message=\"{}\"", app.key(), refused.message());
            status.set("operationState", refused.toJson(sourceNode));
            operationDone = true;
        }
        boolean wasRunning = last.isPresent() && last.get().isRunning() && OperationState.RUNNING.equals(last.get().phase());
        if (operation != null) {
            SyncOperation.Step step = c.syncs().advance(request, operation);
            status.set("operationState", step.state().toJson(sourceNode));
            if (step.finished()) {
                LOG.info("event=synced application={} revision={} phase={} message=\"{}\"", app.key(), step.state().revision(),
                        step.state().phase(), step.state().message());
                if (step.state().succeeded()) {
                    status.set("history", OperationRecord.history(status.get("history"), step.state(), sourceNode,
                            app.revisionHistoryLimit()));
                }
                operationDone = true;
                next = AFTER_SYNC;
            } else {
                next = step.recheckIn().isZero() ? AFTER_SYNC : step.recheckIn();
            }
        }
        List<ObjectNode> conditions = new ArrayList<>();
        JsonNode lastOperation = status.path("operationState");
        String lastPhase = lastOperation.path("phase").asText(OperationState.SUCCEEDED);
        if (!OperationState.SUCCEEDED.equals(lastPhase) && !OperationState.RUNNING.equals(lastPhase)
                && !OperationState.TERMINATING.equals(lastPhase)
                && desired.revision().equals(lastOperation.path("syncResult").path("revision").asText())) {
            conditions.add(StatusFields.condition("SyncError", "Failed sync attempt to " + desired.revision() + ": "
                    + lastOperation.path("message").asText(), oldStatus.path("conditions"), now));
        }

        if (!violations.isEmpty()) {
            conditions.add(StatusFields.condition("InvalidSpecError", notPermitted(violations), oldStatus.path("conditions"), now));
        }
        orphanWarning(c, app, policy).ifPresent(message -> conditions.add(StatusFields.condition(OrphanReport.CONDITION_TYPE,
                message, oldStatus.path("conditions"), now)));
        writeComparison(app, status, comparison, desired.revision());
        ArrayNode conditionsNode = status.putArray("conditions");
        conditions.forEach(conditionsNode::add);
        if (conditionsNode.isEmpty()) {
            status.remove("conditions");
        }
        if (!store.writeStatus(object, status, operationDone, now, settings.resyncPeriod(), wasRunning)) {
            return Duration.ZERO; // the operation was asked to stop meanwhile: look again at once
        }
        return next;
    }

    /**
     * The sync an operation runs: against the current desired state, or, when the operation is
     * for another revision (a rollback, a pinned or explicitly requested commit), against what git
     * held there, compared with the cluster afresh.
     */
    private SyncRequest operationRequest(DestinationClusters.Connection c, Application app, ObjectNode object, OperationState operation, Comparison comparison,
            DesiredObjects objects, RenderedManifests desired) {
        String revision = operation.revision();
        if (revision == null || revision.isEmpty() || revision.equals(desired.revision())
                || revision.equals(app.source().targetRevision())) {
            return request(app, operation, comparison, objects, desired.revision());
        }
        RenderedManifests then = source.desired(app, revision);
        if (then.revision().equals(desired.revision())) {
            return request(app, operation, comparison, objects, desired.revision());
        }
        DesiredObjects thenObjects = split(app, then);
        Comparison thenComparison = c.differ().compare(thenObjects.resources(),
                liveObjects(c, app, thenObjects.resources(), object.path("status")), ignored(app));
        return request(app, operation, thenComparison, thenObjects, then.revision());
    }

    private SyncRequest request(Application app, OperationState operation, Comparison comparison, DesiredObjects objects,
            String revision) {
        JsonNode sync = operation.operation().path("sync");
        boolean prune = sync.path("prune").asBoolean(false);
        // options given with the operation (argocd app sync --sync-option) come before the application's
        SyncOptions options = SyncOptions.fromAnnotation(String.join(",", texts(sync.path("syncOptions"))))
                .orElse(app.syncOptions());
        JsonNode namespaceMetadata = app.object().path("spec").path("syncPolicy").path("managedNamespaceMetadata");
        return new SyncRequest(app.name(), revision, comparison, objects.hooks(), prune, options,
                app.destination().namespace(), ResourceSelector.fromOperation(sync), ignored(app),
                namespaceMetadata.isObject() ? (ObjectNode) namespaceMetadata : null);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** @throws InvalidSpecError for a jq expression that does not parse */
    private IgnoredFields ignored(Application app) {
        return IgnoredFields.compile(app.ignoreDifferences(), jq);
    }

    /** The application's resources (tracking mark set) and its hooks, which are synced but never compared. */
    private record DesiredObjects(List<ObjectNode> resources, List<ObjectNode> hooks) {}

    private DesiredObjects split(Application app, RenderedManifests desired) {
        List<ObjectNode> resources = new ArrayList<>();
        List<ObjectNode> hooks = new ArrayList<>();
        for (Manifest manifest : desired.manifests()) {
            ObjectNode copy = manifest.object().deepCopy();
            if (Hook.isHookOrSkipped(copy)) {
                hooks.add(copy);
            } else {
                settings.tracking().mark(copy, app.name());
                resources.add(copy);
            }
        }
        return new DesiredObjects(resources, hooks);
    }

    /** Argo CD's cascade: the application's resources are deleted before the application itself. */
    static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
    private static final Duration DELETION_POLL = Duration.ofSeconds(1);

    /**
     * An application being deleted. With the resources finalizer ({@code /background} or
     * {@code /foreground} variant; foreground by default, as Argo CD), deletes every object it
     * manages in its destination (except those marked {@code Delete=false}), waits until they are
     * gone, then lets the application go; child applications cascade the same way. Without it,
     * the objects stay.
     */
    private Duration finalizeDeletion(ObjectNode object) {
        String finalizer = null;
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (f.asText().equals(RESOURCES_FINALIZER) || f.asText().startsWith(RESOURCES_FINALIZER + "/")) {
                finalizer = f.asText();
            }
        }
        if (finalizer == null) {
            return settings.resyncPeriod();
        }
        Application app;
        DestinationClusters.Connection c;
        try {
            app = Application.parse(object);
            c = clusters.forApp(app);
        } catch (InvalidSpecError e) {
            // nothing of it can be reached (no such cluster, a broken spec): do not keep it forever
            LOG.warn("event=cascade-skipped application={}/{} reason=\"{}\"", Meta.namespace(object), Meta.name(object), e.getMessage());
            store.removeFinalizer(object, finalizer);
            return settings.resyncPeriod();
        }
        DeletePropagation propagation = finalizer.endsWith("/background") ? DeletePropagation.BACKGROUND : DeletePropagation.FOREGROUND;
        List<ObjectNode> remaining = new ArrayList<>();
        liveObjects(c, app, List.of(), object.path("status")); // watches the kinds it had, after a restart too
        for (ObjectNode live : c.cache().managedBy(app.name())) { // hooks included
            String options = Meta.text(Meta.at(live, "metadata", "annotations"), SyncPlanner.SYNC_OPTIONS_ANNOTATION);
            if (SyncOptions.fromAnnotation(options).isFalse("Delete")) {
                continue;
            }
            remaining.add(live);
            if (Meta.at(live, "metadata", "deletionTimestamp") == null) {
                c.writer().delete(ResourceKey.of(live), Meta.apiVersion(live), propagation);
            }
        }
        if (!remaining.isEmpty()) {
            LOG.info("event=cascade-waiting application={} remaining={}", app.key(), remaining.size());
            return DELETION_POLL;
        }
        LOG.info("event=cascade-done application={}", app.key());
        store.removeFinalizer(object, finalizer);
        return settings.resyncPeriod();
    }

    /** Asks the application's running operation to stop; false when none is running. */
    boolean terminate(String namespace, String name) {
        return store.terminateOperation(namespace, name);
    }

    /**
     * The application's live objects: those with its tracking mark, plus desired objects that exist
     * without the mark (they show as OutOfSync and are adopted by the next sync).
     */
    private Map<ResourceKey, ObjectNode> liveObjects(DestinationClusters.Connection c, Application app, List<ObjectNode> desired,
            JsonNode oldStatus) {
        ClusterCache cache = c.cache();
        Set<GroupVersionKind> kinds = new LinkedHashSet<>();
        desired.forEach(o -> kinds.add(Meta.gvk(o)));
        for (JsonNode r : oldStatus.path("resources")) {
            String group = r.path("group").asText("");
            kinds.add(new GroupVersionKind(group, r.path("version").asText("v1"), r.path("kind").asText()));
        }
        for (GroupVersionKind kind : kinds) {
            try {
                cache.watch(kind);
            } catch (ClusterCacheException e) {
                // e.g. a custom resource whose CRD the same sync creates: its objects are simply missing for now
                LOG.info("event=kind-not-watched application={} kind={} message=\"{}\"", app.key(), kind, e.getMessage());
            }
        }
        Map<ResourceKey, ObjectNode> live = new HashMap<>();
        for (ObjectNode object : cache.managedBy(app.name())) {
            if (!Hook.isHookOrSkipped(object)) { // hooks carry the mark too, but are not the app's resources
                live.put(ResourceKey.of(object), object);
            }
        }
        for (ObjectNode object : desired) {
            ResourceKey key = ResourceKey.of(object);
            if (!live.containsKey(key)) {
                cache.get(key).ifPresent(o -> live.put(key, o));
            }
        }
        return live;
    }

    /**
     * Argo CD's {@code OrphanedResourceWarning} when the project asks for it: objects in the
     * destination namespace that no application manages. Only kinds the cluster cache already
     * watches are looked at, so the report costs no API call and no extra watch.
     */
    private Optional<String> orphanWarning(DestinationClusters.Connection c, Application app, ProjectPolicy policy) {
        if (policy.project().orphanedResources().isEmpty()) {
            return Optional.empty();
        }
        ClusterCache cache = c.cache();
        OrphanReport report = new OrphanedResources(policy, cache.tracking()::applicationOf, applicationExists)
                .find(ApplicationRef.of(app), app.name(), cache.inNamespace(app.destination().namespace()));
        if (!report.orphans().isEmpty()) {
            LOG.debug("event=orphaned-resources application={} orphans={}", app.key(), report.orphans());
        }
        return report.warning();
    }

    private void writeComparison(Application app, ObjectNode status, Comparison comparison, String revision) {
        ObjectNode sync = status.putObject("sync");
        sync.put("status", comparison.isSynced() ? "Synced" : "OutOfSync");
        sync.put("revision", revision);
        sync.set("comparedTo", comparedTo(app));

        ArrayNode resources = status.putArray("resources");
        List<HealthStatus> statuses = new ArrayList<>();
        Health worst = null;
        List<ObjectNode> imageSources = new ArrayList<>();
        for (ResourceDiff diff : comparison.resources()) {
            Optional<Health> h = Optional.empty();
            if (diff.state() != ResourceState.REQUIRES_PRUNING) {
                h = diff.live() == null ? Optional.of(new Health(HealthStatus.Missing, "")) : health.assess(diff.live());
                if (h.isPresent()) {
                    statuses.add(h.get().status());
                    if (worst == null || h.get().status().isWorseThan(worst.status())) {
                        worst = h.get();
                    }
                }
                imageSources.add(diff.live() != null ? diff.live() : diff.desired());
            }
            resources.add(StatusFields.resource(diff, h));
        }
        HealthStatus aggregate = statuses.isEmpty() ? HealthStatus.Healthy : HealthStatus.worst(statuses);
        ObjectNode healthNode = status.putObject("health").put("status", aggregate.name());
        if (worst != null && aggregate != HealthStatus.Healthy && !worst.message().isEmpty()) {
            healthNode.put("message", worst.message());
        }
        status.putObject("summary").set("images", StatusFields.images(imageSources));
    }

    private static ObjectNode comparedTo(Application app) {
        ObjectNode comparedTo = Json.object();
        comparedTo.set("source", app.object().path("spec").path("source").deepCopy());
        comparedTo.set("destination", app.object().path("spec").path("destination").deepCopy());
        return comparedTo;
    }


    /**
     * The application's project, checked for what the application itself asks (source repository,
     * destination, its namespace).
     *
     * @throws InvalidSpecError naming the project rule the application breaks
     */
    private ProjectPolicy checkProject(Application app, DestinationClusters.Connection c) {
        Optional<AppProject> project;
        try {
            project = projects.get(app.project());
        } catch (InvalidProjectError e) {
            throw new InvalidSpecError("spec.project", "project " + app.project() + " cannot be used: " + e.getMessage());
        }
        if (project.isEmpty()) {
            throw new InvalidSpecError("spec.project", "Application referencing project " + app.project()
                    + " which does not exist; create the AppProject in namespace " + app.namespace());
        }
        ProjectPolicy policy = new ProjectPolicy(project.get(), clusters.registry(), c.scopes(), settings.namespace());
        List<ProjectViolation> violations = policy.checkApplication(ApplicationRef.of(app));
        if (!violations.isEmpty()) {
            throw new InvalidSpecError(specField(violations.get(0).rule()),
                    violations.stream().map(ProjectViolation::message).collect(java.util.stream.Collectors.joining("; ")));
        }
        return policy;
    }

    /** The Application field an application-level project rule judges. */
    private static String specField(ProjectViolation.Rule rule) {
        return switch (rule) {
            case SOURCE_REPOS -> "spec.source.repoURL";
            case DESTINATIONS, DESTINATION_CLUSTER -> "spec.destination";
            case SOURCE_NAMESPACES -> "metadata.namespace";
            default -> "spec.project";
        };
    }

    /** The objects that break the project's rules, each named: none of the application's objects is applied. */
    private static String notPermitted(List<ProjectViolation> violations) {
        return "not synced: " + violations.stream().map(ProjectViolation::describe).collect(java.util.stream.Collectors.joining("; "));
    }

    private static void carry(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }
}
