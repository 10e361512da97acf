/**
 * Argo CD AppProject enforcement: what an application in a project may deploy, where, when, and
 * who may act on it. Pure functions over parsed values; no cluster access.
 *
 * <h2>Reading a project</h2>
 * {@link dev.fairway.gitops.project.AppProject#parse} reads an {@code argoproj.io/v1alpha1}
 * AppProject {@code ObjectNode} into records ({@link dev.fairway.gitops.project.ProjectDestination},
 * {@link dev.fairway.gitops.project.ClusterResourceRule}, {@link dev.fairway.gitops.project.GroupKindRule},
 * {@link dev.fairway.gitops.project.OrphanedResourcesSettings}, {@link dev.fairway.gitops.project.SyncWindow},
 * {@link dev.fairway.gitops.project.ProjectRole}). Every mistake is an
 * {@link dev.fairway.gitops.project.InvalidProjectError} naming the project and the field:
 * {@code AppProject 'team-a': spec.syncWindows[0].schedule: cannot parse schedule '0 22 * *': ...}.
 *
 * <h2>Checking an application before a sync</h2>
 * <pre>{@code
 * var policy = new ProjectPolicy(project, clusters, scopes, "argocd");
 * ProjectCheck check = policy.check(ApplicationRef.of(app), desiredObjects);
 * if (!check.permitted()) {
 *     // check.applicationMessage() -> InvalidSpecError condition
 *     // check.violationOf(key)     -> that resource's error; apply nothing at all
 * }
 * }</pre>
 * Application level, in Argo CD's words: {@code sourceNamespaces} ("application 'x' in namespace
 * 'n' is not permitted to use project 'p'"), {@code sourceRepos} ("application repo R is not
 * permitted in project 'p'"), the destination cluster ({@link dev.fairway.gitops.project.ClusterLookup})
 * and {@code destinations} ("application destination server 'S' and namespace 'N' do not match
 * any of the allowed destinations in project 'p'"). Per object: cluster- or namespace-resource
 * lists ("resource G:K is not permitted in project p") and the object's own namespace ("namespace
 * N is not permitted in project 'p'"). Objects of kinds the cluster does not serve
 * ({@link dev.fairway.gitops.project.ResourceScopes}) are refused. A missing project:
 * {@link dev.fairway.gitops.project.ProjectPolicy#projectMissing}.
 *
 * <h2>Sync windows, orphans, roles</h2>
 * {@link dev.fairway.gitops.project.SyncWindows#canSync(ApplicationRef, boolean, java.time.Instant)}
 * answers whether a sync may run now and names the blocking window;
 * {@link dev.fairway.gitops.project.OrphanedResources#find} lists objects in the destination
 * namespace that no application manages; {@link dev.fairway.gitops.project.ProjectRoles} decides
 * what a project token ({@code proj:P:R}) or a user's groups may do.
 *
 * <h2>Matching</h2>
 * Repository, destination, window and RBAC patterns are {@link dev.fairway.gitops.project.ArgoGlob}s
 * (Argo CD's gobwas globs; repository URLs compared lower-case without {@code .git}); resource
 * lists use Go's {@code filepath.Match} ({@link dev.fairway.gitops.project.PathPattern}); windows
 * use five-field cron ({@link dev.fairway.gitops.project.CronSchedule}).
 *
 * <p>Where we differ from Argo CD on purpose: a glob, pattern, time zone or schedule that does not
 * compile is refused when the project is read (Argo CD logs it and matches nothing, falls back to
 * UTC, or treats a never-firing schedule as always open); window schedules are read in the zone's
 * offset at each instant (Argo CD applies today's offset), which only matters around DST changes.
 */
package dev.fairway.gitops.project;
