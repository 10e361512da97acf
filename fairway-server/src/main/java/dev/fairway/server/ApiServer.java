package dev.fairway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.server.auth.AppProjects;
import dev.fairway.server.auth.ApplicationPermissions;
import dev.fairway.server.auth.Authenticator;
import dev.fairway.server.auth.Caller;
import dev.fairway.server.auth.InvalidTokenException;
import dev.fairway.server.auth.ProjectTokens;
import dev.fairway.server.auth.SigningKey;
import dev.fairway.server.ui.Sessions;
import dev.fairway.server.ui.WebUi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fairway's REST API (JSON, bearer token) and its server-sent-events stream of application
 * changes, and the web UI on the same port (everything outside {@code /api/}).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_BODY = 1 << 20;
    /** How often a stream opened with a project token checks that the token is still valid. */
    private static final long TOKEN_RECHECK_MILLIS = 10_000;

    /**
     * @param host      the address to listen on (127.0.0.1 on a laptop, 0.0.0.0 in a cluster)
     * @param port      the port, 0 for any free one
     * @param namespace where the engine keeps its objects (Argo CD's {@code argocd})
     */
    public record Config(String host, int port, String namespace) {}

    private final Server server;
    private final Applications apps;
    private final ApplicationsApi api;
    private final ResourceTree tree;
    private final Authenticator authenticator;
    private final ApplicationPermissions permissions;
    private final ProjectsApi projects;
    private final String url;
    private volatile boolean stopping;

    private final ApplicationDiffs diffs;
    private final WebUi ui;

    private ApiServer(KubernetesClient client, Config config, String token, ApplicationDiffs diffs) throws Exception {
        this.diffs = diffs;
        AppProjects appProjects = new AppProjects(client, config.namespace());
        SigningKey key = new SigningKey(client, config.namespace());
        this.authenticator = new Authenticator(token, appProjects, key, Clock.systemUTC());
        this.permissions = new ApplicationPermissions(config.namespace());
        this.projects = new ProjectsApi(appProjects, new ProjectTokens(appProjects, key, Clock.systemUTC()));
        this.apps = new Applications(client);
        apps.start();
        this.api = new ApplicationsApi(apps, client, Clock.systemUTC());
        this.tree = new ResourceTree(client);
        this.ui = new WebUi(new WebUi.Services(client, config.namespace(), apps, api, tree::of, diffs), Clock.systemUTC());
        QueuedThreadPool pool = new QueuedThreadPool(500, 4, 60_000);
        pool.setName("fairway-api");
        this.server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new Routes());
        server.start();
        this.url = "http://" + config.host() + ":" + connector.getLocalPort();
    }

    public static ApiServer start(KubernetesClient client, Config config, String token) throws Exception {
        return new ApiServer(client, config, token, null);
    }

    /** With the engine's diffs, for {@code GET /api/v1/applications/{name}/diff}. */
    public static ApiServer start(KubernetesClient client, Config config, String token, ApplicationDiffs diffs) throws Exception {
        return new ApiServer(client, config, token, diffs);
    }

    public String url() {
        return url;
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!path.startsWith("/api/")) {
                ui.handle(request, response, callback);
                return true;
            }
            try {
                if (path.equals("/api/healthz")) {
                    send(response, callback, 200, Json.object().put("status", "ok"));
                    return true;
                }
                if (path.equals("/api/webhook")) {
                    // git providers cannot send our bearer token; a push only asks for a refresh
                    expect(request.getMethod(), "POST");
                    send(response, callback, 200, api.webhook(request.getHeaders().get("X-GitHub-Event"), body(request)));
                    return true;
                }
                route(request, response, callback, path, caller(request));
            } catch (ApiError e) {
                send(response, callback, e.status(), error(e.getMessage()));
            } catch (IllegalArgumentException e) {
                send(response, callback, 400, error(e.getMessage()));
            } catch (Exception e) {
                LOG.error("event=api_request_failed uri={}", request.getHttpURI(), e);
                send(response, callback, 500, error("internal error: " + e));
            }
            return true;
        }
    }

    /**
     * Who sends the request: the admin's API token or a project token in the Authorization header,
     * or else the admin's browser session.
     */
    private Caller caller(Request request) throws ApiError {
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(bearer(request));
        } catch (InvalidTokenException e) {
            throw new ApiError(401, "project token refused: " + e.getMessage());
        } catch (KubernetesClientException e) {
            throw new ApiError(502, "cannot check the project token: the cluster did not answer: " + e.getMessage());
        }
        if (caller.isPresent()) {
            return caller.get();
        }
        Optional<Sessions.Session> session = ui.session(request);
        if (session.isEmpty()) {
            throw new ApiError(401, "missing or wrong bearer token: send 'Authorization: Bearer TOKEN' "
                    + "(the admin's token is in the Secret " + ApiTokens.SECRET + "; project tokens come from "
                    + "POST /api/v1/projects/{project}/roles/{role}/token)");
        }
        // a browser session: its cookie goes with any request, so a write must prove it came from our page
        if (!request.getMethod().equals("GET") && !WebUi.csrfPresent(request, session.get())) {
            throw new ApiError(403, "a request signed in by session cookie must send the page's CSRF token "
                    + "in the X-CSRF-Token header");
        }
        return new Caller.Admin();
    }

    private static String bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    private void route(Request request, Response response, Callback callback, String path, Caller caller) throws Exception {
        Map<String, String> q = query(request);
        String method = request.getMethod();
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        if (s.length >= 3 && s[0].equals("api") && s[1].equals("v1") && s[2].equals("stream") && s.length == 4 && s[3].equals("applications")) {
            stream(request, response, callback, caller);
            return;
        }
        if (s.length >= 3 && s[0].equals("api") && s[1].equals("v1") && s[2].equals("projects")) {
            send(response, callback, 200, routeProjects(request, method, path, s, caller));
            return;
        }
        if (s.length < 3 || !s[0].equals("api") || !s[1].equals("v1") || !s[2].equals("applications")) {
            throw new ApiError(404, "no such endpoint: " + method + " " + path + " (see docs/API.md)");
        }
        String ns = q.get("appNamespace");
        if (s.length == 3) {
            expect(method, "GET");
            send(response, callback, 200, api.list(q, app -> permissions.may(caller, ApplicationPermissions.GET, app)));
            return;
        }
        String name = s[3];
        String action = s.length > 4 ? s[4] : "";
        authorize(caller, ns, name, rbacAction(method, action));
        ObjectNode result = switch (action) {
            case "" -> switch (method) {
                case "GET" -> api.get(ns, name);
                case "DELETE" -> api.delete(ns, name, !"false".equals(q.get("cascade")));
                default -> throw new ApiError(405, method + " is not allowed on an application: use GET or DELETE");
            };
            case "sync" -> {
                expect(method, "POST");
                JsonNode body = body(request);
                if (body.path("dryRun").asBoolean(false)) {
                    // a dry run changes nothing: it is the engine's comparison, what a sync would apply
                    ObjectNode d = diff(name);
                    d.put("dryRun", true);
                    yield d;
                }
                yield api.sync(ns, name, body, caller.name());
            }
            case "rollback" -> {
                expect(method, "POST");
                yield api.rollback(ns, name, body(request), caller.name());
            }
            case "terminate" -> {
                expect(method, "POST");
                yield api.terminate(ns, name);
            }
            case "refresh" -> {
                expect(method, "POST");
                yield api.refresh(ns, name, "true".equals(q.get("hard")));
            }
            case "history" -> {
                expect(method, "GET");
                yield api.history(ns, name);
            }
            case "events" -> {
                expect(method, "GET");
                yield api.events(ns, name);
            }
            case "diff" -> {
                expect(method, "GET");
                yield diff(name);
            }
            case "resource-tree" -> {
                expect(method, "GET");
                yield tree.of(api.get(ns, name));
            }
            default -> throw new ApiError(404, "no such endpoint: " + method + " " + path + " (see docs/API.md)");
        };
        send(response, callback, 200, result);
    }

    /** The RBAC action an application endpoint needs, as Argo CD's API server asks for it. */
    private static String rbacAction(String method, String endpoint) {
        return switch (endpoint) {
            case "" -> method.equals("DELETE") ? ApplicationPermissions.DELETE : ApplicationPermissions.GET;
            case "sync", "rollback", "terminate" -> ApplicationPermissions.SYNC;
            case "refresh" -> ApplicationPermissions.UPDATE;
            default -> ApplicationPermissions.GET;
        };
    }

    private void authorize(Caller caller, String ns, String name, String action) throws ApiError {
        Optional<ObjectNode> app = apps.get(ns, name);
        if (app.isPresent()) {
            permissions.check(caller, action, app.get());
        } else {
            permissions.checkMissing(caller, action, ns, name);
        }
    }

    /**
     * {@code /api/v1/projects[/{project}[/roles/{role}/token[/{id}]]]}.
     */
    private ObjectNode routeProjects(Request request, String method, String path, String[] s, Caller caller) throws Exception {
        if (s.length == 3) {
            expect(method, "GET");
            return projects.list(caller);
        }
        String project = s[3];
        if (s.length == 4) {
            expect(method, "GET");
            return projects.get(caller, project);
        }
        if (s.length >= 7 && s.length <= 8 && s[4].equals("roles") && s[6].equals("token")) {
            String role = s[5];
            if (s.length == 8) {
                expect(method, "DELETE");
                return projects.revokeToken(caller, project, role, s[7]);
            }
            return switch (method) {
                case "POST" -> projects.issueToken(caller, project, role, body(request));
                case "GET" -> projects.listTokens(caller, project, role);
                default -> throw new ApiError(405, method + " is not allowed on a role's tokens: use POST to issue one, "
                        + "GET to list them, DELETE .../token/{id} to revoke one");
            };
        }
        throw new ApiError(404, "no such endpoint: " + method + " " + path + " (see docs/API.md)");
    }

    private ObjectNode diff(String name) throws ApiError {
        if (diffs == null) {
            throw new ApiError(501, "this server runs no engine, so it cannot compare applications with git");
        }
        try {
            return diffs.diff(name);
        } catch (java.util.NoSuchElementException e) {
            throw new ApiError(404, e.getMessage());
        } catch (RuntimeException e) {
            throw new ApiError(422, "cannot compare application \"" + name + "\": " + e.getMessage());
        }
    }

    private static void expect(String method, String wanted) throws ApiError {
        if (!method.equals(wanted)) {
            throw new ApiError(405, method + " is not allowed here: use " + wanted);
        }
    }

    private static JsonNode body(Request request) throws ApiError, IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] raw = in.readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                throw new ApiError(413, "request body larger than " + MAX_BODY + " bytes");
            }
            if (raw.length == 0) {
                return Json.object();
            }
            return Json.MAPPER.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> query(Request request) {
        Fields f = Request.extractQueryParameters(request);
        Map<String, String> out = new HashMap<>();
        for (Fields.Field field : f) {
            out.put(field.getName(), field.getValue());
        }
        return out;
    }

    /** Server-sent events: one {@code event: ADDED|MODIFIED|DELETED} with the application as data. */
    private void stream(Request request, Response response, Callback callback, Caller caller) throws IOException {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(10_000);
        boolean[] overflow = {false};
        AtomicReference<Caller> current = new AtomicReference<>(caller);
        BiConsumer<String, ObjectNode> listener = (type, app) -> {
            if (!permissions.may(current.get(), ApplicationPermissions.GET, app)) {
                return;
            }
            if (!events.offer("event: " + type + "\ndata: " + Json.write(app) + "\n\n")) {
                overflow[0] = true;
            }
        };
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        apps.addListener(listener);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long lastWrite = System.currentTimeMillis();
            long lastCheck = lastWrite;
            while (!stopping && !overflow[0]) {
                if (caller instanceof Caller.ProjectToken && System.currentTimeMillis() - lastCheck > TOKEN_RECHECK_MILLIS) {
                    // a long stream must not outlive its token's revocation or expiry, nor miss a policy change
                    Optional<Caller> again = reauthenticate(request);
                    if (again.isEmpty()) {
                        break;
                    }
                    current.set(again.get());
                    lastCheck = System.currentTimeMillis();
                }
                String e = events.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    out.write(e.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > 15_000) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                }
            }
            callback.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (IOException e) {
            callback.failed(e);
        } finally {
            apps.removeListener(listener);
        }
    }

    private Optional<Caller> reauthenticate(Request request) {
        try {
            return authenticator.authenticate(bearer(request));
        } catch (InvalidTokenException | KubernetesClientException e) {
            // the client reconnects and then hears why it may not
            LOG.info("event=api_stream_closed reason=\"{}\"", e.getMessage());
            return Optional.empty();
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode e = Json.object();
        e.put("error", message);
        return e;
    }

    private static void send(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
    }

    @Override
    public void close() {
        stopping = true;
        ui.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("event=api_stop_failed error={}", e.toString());
        }
        apps.close();
    }

    static List<String> endpoints() {
        return List.of("GET /api/v1/applications", "GET /api/v1/applications/{name}", "POST /api/v1/applications/{name}/sync",
                "POST /api/v1/applications/{name}/refresh", "POST /api/v1/applications/{name}/rollback", "POST /api/v1/applications/{name}/terminate", "GET /api/v1/applications/{name}/history",
                "GET /api/v1/applications/{name}/events", "DELETE /api/v1/applications/{name}", "GET /api/v1/stream/applications",
                "GET /api/v1/projects", "GET /api/v1/projects/{project}", "POST /api/v1/projects/{project}/roles/{role}/token",
                "GET /api/v1/projects/{project}/roles/{role}/token", "DELETE /api/v1/projects/{project}/roles/{role}/token/{id}");
    }
}
