package dev.fairway.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.GroupVersion;
import dev.fairway.kube.Json;
import dev.fairway.kube.select.FieldSelector;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.AdmissionRequest.FieldValidation;
import dev.fairway.sandbox.api.ApiException;
import dev.fairway.sandbox.api.DeleteOptions;
import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.api.ObjectService.ListOptions;
import dev.fairway.sandbox.api.ObjectService.ListPage;
import dev.fairway.sandbox.api.Patcher;
import dev.fairway.sandbox.api.ResourceRegistry;
import dev.fairway.sandbox.api.ResourceType;
import dev.fairway.sandbox.api.WriteOptions;
import dev.fairway.sandbox.api.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the sandbox: authentication, routing of Kubernetes API URLs, content
 * negotiation (JSON, YAML, Table, PartialObjectMetadata), discovery, OpenAPI, watch, pod logs and
 * the audit trail. The semantics live in {@link ObjectService}; this class only translates.
 */
public final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** kube-apiserver's limit on request bodies. */
    static final int MAX_BODY = 3 * 1024 * 1024;
    private static final List<String> PUBLIC_PATHS = List.of("/healthz", "/livez", "/readyz", "/version");

    private final ObjectService service;
    private final ResourceRegistry registry;
    private final Discovery discovery;
    private final Watches watches;
    private final Representations representations;
    private final OpenApiRoutes openApi;
    private final PodLogs podLogs;
    private final AuditLog audit;
    private final byte[] token;
    private final Clock clock;
    private final String version;

    public ApiHandler(ObjectService service, Watches watches, Representations representations, OpenApiRoutes openApi,
                      PodLogs podLogs, AuditLog audit, String token, Clock clock, String kubernetesVersion) {
        this.service = service;
        this.registry = service.registry();
        this.discovery = new Discovery(registry);
        this.watches = watches;
        this.representations = representations;
        this.openApi = openApi;
        this.podLogs = podLogs;
        this.audit = audit;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.version = kubernetesVersion;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, callback, clock.instant());
        try {
            String path = Request.getPathInContext(request);
            if (!isPublic(path) && !authorized(request)) {
                throw ApiException.unauthorized();
            }
            route(ex, path);
        } catch (ApiException e) {
            ex.status(e);
        } catch (RuntimeException e) {
            LOG.error("event=request_failed method={} uri={}", request.getMethod(), request.getHttpURI(), e);
            ex.status(ApiException.internal("Internal error occurred: " + e));
        } catch (IOException e) {
            LOG.debug("event=client_gone uri={} error={}", request.getHttpURI(), e.toString());
            ex.fail(e);
        } finally {
            if (audit != null && ex.auditable) {
                audit.record(ex.auditEvent());
            }
        }
        return true;
    }

    private static boolean isPublic(String path) {
        for (String p : PUBLIC_PATHS) {
            if (path.equals(p) || path.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }

    private boolean authorized(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, h.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void route(Exchange ex, String path) throws ApiException, IOException {
        List<String> segs = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segs.add(s);
            }
        }
        if (segs.isEmpty()) {
            ObjectNode paths = Json.object();
            ArrayNode a = paths.putArray("paths");
            for (String p : List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz", "/version")) {
                a.add(p);
            }
            ex.json(200, paths);
            return;
        }
        String first = segs.get(0);
        switch (first) {
            case "healthz", "livez", "readyz" -> {
                ex.auditable = false;
                ex.text(200, "ok");
                return;
            }
            case "version" -> {
                ex.auditable = false;
                ex.json(200, versionInfo());
                return;
            }
            case "openapi" -> {
                openApi.serve(ex, segs);
                return;
            }
            case "api" -> {
                if (segs.size() == 1) {
                    discoveryRoot(ex, true);
                    return;
                }
                String v = segs.get(1);
                if (segs.size() == 2) {
                    groupVersion(ex, new GroupVersion("", v));
                    return;
                }
                resource(ex, "", v, segs.subList(2, segs.size()));
                return;
            }
            case "apis" -> {
                if (segs.size() == 1) {
                    discoveryRoot(ex, false);
                    return;
                }
                if (segs.size() == 2) {
                    ObjectNode g = discovery.apiGroup(segs.get(1));
                    if (g == null) {
                        throw notFoundPath();
                    }
                    ex.json(200, g);
                    return;
                }
                if (segs.size() == 3) {
                    groupVersion(ex, new GroupVersion(segs.get(1), segs.get(2)));
                    return;
                }
                resource(ex, segs.get(1), segs.get(2), segs.subList(3, segs.size()));
                return;
            }
            default -> throw notFoundPath();
        }
    }

    private static ApiException notFoundPath() {
        return ApiException.notFound("the server could not find the requested resource");
    }

    private ObjectNode versionInfo() {
        ObjectNode v = Json.object();
        String[] parts = version.substring(1).split("[.+-]");
        v.put("major", parts[0]);
        v.put("minor", parts[1]);
        v.put("gitVersion", version);
        v.put("gitCommit", "0000000000000000000000000000000000000000");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-11-01T00:00:00Z");
        v.put("goVersion", "go1.22.12");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return v;
    }

    private void discoveryRoot(Exchange ex, boolean core) throws IOException {
        ex.auditable = false;
        MediaTypes accept = MediaTypes.parse(ex.header(HttpHeader.ACCEPT));
        for (MediaTypes.MediaType m : accept.ranges()) {
            for (String dv : List.of("v2", "v2beta1")) {
                if (m.asKind("APIGroupDiscoveryList", "apidiscovery.k8s.io", dv)) {
                    ex.response.getHeaders().put(HttpHeader.VARY, "Accept");
                    ex.bytes(200, "application/json;g=apidiscovery.k8s.io;v=" + dv + ";as=APIGroupDiscoveryList",
                            Json.bytes(discovery.aggregated(core, dv)));
                    return;
                }
            }
            if (m.isJson() && m.param("as") == null) {
                break;
            }
        }
        ex.response.getHeaders().put(HttpHeader.VARY, "Accept");
        String addr = "127.0.0.1:" + Request.getLocalPort(ex.request);
        ex.json(200, core ? discovery.apiVersions(addr) : discovery.groupList());
    }

    private void groupVersion(Exchange ex, GroupVersion gv) throws ApiException, IOException {
        ex.auditable = false;
        ObjectNode list = discovery.resourceList(gv);
        if (list == null) {
            throw notFoundPath();
        }
        ex.json(200, list);
    }

    // ---- resources -------------------------------------------------------------------------

    private void resource(Exchange ex, String group, String version, List<String> segs) throws ApiException, IOException {
        ApiPath p = ApiPath.of(group, version, segs);
        if (p == null) {
            throw notFoundPath();
        }
        ResourceType t = registry.byResource(group, version, p.resource()).orElseThrow(ApiHandler::notFoundPath);
        ex.objectRef(t, p);
        if (t.namespaced() && p.namespace() == null && p.name() != null) {
            throw notFoundPath();
        }
        String method = ex.request.getMethod();
        String sub = p.subresource();
        if (!sub.isEmpty() && !Discovery.subresources(t).stream().anyMatch(s -> s.name().equals(sub))) {
            throw notFoundPath();
        }
        if (sub.isEmpty()) {
            String verb = switch (method) {
                case "GET" -> ex.flag("watch") ? "watch" : p.name() == null ? "list" : "get";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> p.name() == null ? "deletecollection" : "delete";
                default -> method.toLowerCase(Locale.ROOT);
            };
            if (!t.verbs().contains(verb)) {
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
        }
        if (p.name() == null) {
            switch (method) {
                case "GET" -> {
                    if (ex.flag("watch")) {
                        ex.verb = "watch";
                        ex.auditable = true;
                        watches.serve(ex, t, p.namespace(), listOptions(ex));
                    } else {
                        ex.verb = "list";
                        list(ex, t, p.namespace());
                    }
                }
                case "POST" -> {
                    ex.verb = "create";
                    create(ex, t, p.namespace());
                }
                case "DELETE" -> {
                    ex.verb = "deletecollection";
                    deleteCollection(ex, t, p.namespace());
                }
                default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            return;
        }
        if (sub.equals("log")) {
            ex.verb = "get";
            log(ex, t, p);
            return;
        }
        if (sub.equals("scale")) {
            scale(ex, t, p, method);
            return;
        }
        if (sub.equals("finalize")) {
            if (!method.equals("PUT")) {
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            ex.verb = "update";
            ObjectNode body = ex.bodyObject();
            ObjectNode current = service.get(t, null, p.name());
            current.set("spec", body.path("spec").deepCopy());
            WriteResult r = service.update(t, null, p.name(), "", current, writeOptions(ex));
            ex.write(r, t);
            return;
        }
        if (!sub.isEmpty() && !sub.equals("status")) {
            throw ApiException.methodNotAllowed("the sandbox does not serve " + t.plural() + "/" + sub);
        }
        switch (method) {
            case "GET" -> {
                ex.verb = "get";
                if (ex.flag("watch")) {
                    ex.verb = "watch";
                    ListOptions o = listOptions(ex);
                    FieldSelector byName = FieldSelector.parse("metadata.name=" + p.name());
                    watches.serve(ex, t, p.namespace(), new ListOptions(o.labels(), byName, 0, null));
                    return;
                }
                ObjectNode obj = service.get(t, p.namespace(), p.name());
                ex.object(200, t, obj);
            }
            case "PUT" -> {
                ex.verb = "update";
                WriteResult r = service.update(t, p.namespace(), p.name(), sub, ex.bodyObject(), writeOptions(ex));
                ex.write(r, t);
            }
            case "PATCH" -> {
                ex.verb = "patch";
                patch(ex, t, p);
            }
            case "DELETE" -> {
                ex.verb = "delete";
                WriteResult r = service.delete(t, p.namespace(), p.name(), deleteOptions(ex));
                ex.write(r, t);
            }
            default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private void list(Exchange ex, ResourceType t, String namespace) throws ApiException, IOException {
        ListPage page = service.list(t, namespace, listOptions(ex));
        ex.list(t, page);
    }

    private ListOptions listOptions(Exchange ex) throws ApiException {
        try {
            LabelSelector labels = LabelSelector.parse(ex.query("labelSelector"));
            FieldSelector fields = FieldSelector.parse(ex.query("fieldSelector"));
            String limit = ex.query("limit");
            int n = 0;
            if (limit != null && !limit.isEmpty()) {
                n = Integer.parseInt(limit);
            }
            return new ListOptions(labels, fields, Math.max(n, 0), ex.query("continue"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number: " + ex.query("limit"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
        }
    }

    private void create(Exchange ex, ResourceType t, String namespace) throws ApiException, IOException {
        ObjectNode body = ex.bodyObject();
        if (Reviews.isReview(t)) {
            ex.code = 201;
            ex.json(201, Reviews.answer(t, body));
            return;
        }
        if (t.verbs().equals(List.of("create")) && !"bindings".equals(t.plural())) {
            throw ApiException.methodNotAllowed("the sandbox does not serve " + t.plural());
        }
        WriteResult r = service.create(t, namespace, body, writeOptions(ex));
        ex.write(r, t);
    }

    private void deleteCollection(Exchange ex, ResourceType t, String namespace) throws ApiException, IOException {
        ListPage page = service.list(t, namespace, listOptions(ex));
        DeleteOptions opts = deleteOptions(ex);
        List<ObjectNode> deleted = new ArrayList<>();
        for (ObjectNode o : page.items()) {
            try {
                deleted.add(service.delete(t, o.path("metadata").path("namespace").asText(null), o.path("metadata").path("name").asText(), opts).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        ex.list(t, new ListPage(deleted, service.store().revision(), null, null));
    }

    private void patch(Exchange ex, ResourceType t, ApiPath p) throws ApiException, IOException {
        String ct = ex.contentType();
        JsonNode body = ex.body(ct);
        WriteOptions opts = writeOptions(ex);
        WriteResult r;
        if (Patcher.APPLY_PATCH.equals(ct) || "application/apply-patch+json".equals(ct)) {
            if (!(body instanceof ObjectNode applied)) {
                throw ApiException.badRequest("the apply patch must be an object");
            }
            r = service.apply(t, p.namespace(), p.name(), p.subresource(), applied, opts);
        } else if (Patcher.JSON_PATCH.equals(ct) || Patcher.MERGE_PATCH.equals(ct) || Patcher.STRATEGIC_MERGE_PATCH.equals(ct)) {
            r = service.patch(t, p.namespace(), p.name(), p.subresource(), ct, body, opts);
        } else {
            throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
                    + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
        }
        ex.write(r, t);
    }

    private void scale(Exchange ex, ResourceType t, ApiPath p, String method) throws ApiException, IOException {
        ObjectNode obj = service.get(t, p.namespace(), p.name());
        Scales.Paths paths = Scales.pathsOf(registry, t);
        switch (method) {
            case "GET" -> {
                ex.verb = "get";
                ex.json(200, Scales.toScale(obj, paths));
            }
            case "PUT", "PATCH" -> {
                ex.verb = method.equals("PUT") ? "update" : "patch";
                JsonNode body = ex.body(ex.contentType());
                ObjectNode newScale = method.equals("PUT") ? ex.bodyObjectOf(body)
                        : Scales.patch(Scales.toScale(obj, paths), ex.contentType(), body);
                JsonNode replicas = newScale.path("spec").get("replicas");
                if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
                    throw ApiException.invalid(t, p.name(), List.of(dev.fairway.sandbox.api.FieldError.invalid(
                            "spec.replicas", String.valueOf(replicas), "must be greater than or equal to 0")));
                }
                WriteResult r = service.patch(t, p.namespace(), p.name(), "", Patcher.MERGE_PATCH,
                        Scales.replicasPatch(paths, replicas.asInt()), writeOptions(ex));
                ex.json(200, Scales.toScale(r.object(), paths));
            }
            default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private void log(Exchange ex, ResourceType t, ApiPath p) throws ApiException, IOException {
        if (!"pods".equals(t.plural()) || !t.group().isEmpty()) {
            throw notFoundPath();
        }
        ObjectNode pod = service.get(t, p.namespace(), p.name());
        String container = ex.query("container");
        JsonNode containers = pod.path("spec").path("containers");
        if (container == null || container.isEmpty()) {
            if (containers.size() > 1) {
                List<String> names = new ArrayList<>();
                containers.forEach(c -> names.add(c.path("name").asText()));
                throw ApiException.badRequest("a container name must be specified for pod " + p.name()
                        + ", choose one of: [" + String.join(" ", names) + "]");
            }
            container = containers.path(0).path("name").asText();
        } else {
            boolean found = false;
            for (JsonNode c : containers) {
                found |= container.equals(c.path("name").asText());
            }
            for (JsonNode c : pod.path("spec").path("initContainers")) {
                found |= container.equals(c.path("name").asText());
            }
            if (!found) {
                throw ApiException.badRequest("container " + container + " is not valid for pod " + p.name());
            }
        }
        PodLogs.Options o = new PodLogs.Options(container, ex.flag("follow"), ex.longQuery("tailLines"),
                ex.longQuery("sinceSeconds"), ex.flag("timestamps"), ex.longQuery("limitBytes"));
        ex.response.setStatus(200);
        ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        ex.code = 200;
        try (OutputStream out = Content.Sink.asOutputStream(ex.response)) {
            if (o.follow()) {
                Watches.commitHeaders(ex.response);
            }
            podLogs.write(p.namespace(), p.name(), o, out);
        }
        ex.callback.succeeded();
        ex.done = true;
    }

    private WriteOptions writeOptions(Exchange ex) throws ApiException {
        String dryRun = ex.query("dryRun");
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            throw ApiException.badRequest("Invalid dry run value: " + dryRun + ", supported values are: All");
        }
        String fv = ex.query("fieldValidation");
        FieldValidation validation = FieldValidation.STRICT;
        if (fv != null && !fv.isEmpty()) {
            switch (fv.toLowerCase(Locale.ROOT)) {
                case "strict" -> validation = FieldValidation.STRICT;
                case "warn" -> validation = FieldValidation.WARN;
                case "ignore" -> validation = FieldValidation.IGNORE;
                default -> throw ApiException.badRequest("fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\"");
            }
        } else {
            // kube-apiserver defaults to Warn for requests that do not ask
            validation = FieldValidation.WARN;
        }
        String manager = ex.query("fieldManager");
        if (manager == null || manager.isEmpty()) {
            manager = defaultManager(ex.header(HttpHeader.USER_AGENT));
        } else if (manager.length() > 128) {
            throw ApiException.badRequest("fieldManager: Too long: may not be longer than 128");
        }
        return new WriteOptions(dryRun != null && !dryRun.isEmpty(), manager, validation, ex.flag("force"));
    }

    /** kube-apiserver names an unnamed manager after the user agent's program name. */
    static String defaultManager(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        String s = userAgent;
        int slash = s.indexOf('/');
        if (slash > 0) {
            s = s.substring(0, slash);
        }
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    private DeleteOptions deleteOptions(Exchange ex) throws ApiException, IOException {
        String policy = ex.query("propagationPolicy");
        String uid = null;
        String rv = null;
        Long grace = ex.longQuery("gracePeriodSeconds");
        boolean dryRun = ex.query("dryRun") != null && !ex.query("dryRun").isEmpty();
        byte[] raw = ex.rawBody();
        if (raw.length > 0) {
            JsonNode body = ex.parse(raw, "application/json");
            if (body.hasNonNull("propagationPolicy")) {
                policy = body.get("propagationPolicy").asText();
            } else if (body.has("orphanDependents")) {
                policy = body.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
            }
            uid = body.path("preconditions").path("uid").asText(null);
            rv = body.path("preconditions").path("resourceVersion").asText(null);
            if (body.hasNonNull("gracePeriodSeconds")) {
                grace = body.get("gracePeriodSeconds").asLong();
            }
            if (body.path("dryRun").isArray() && !body.path("dryRun").isEmpty()) {
                dryRun = true;
            }
        }
        if (policy != null && !List.of("Background", "Foreground", "Orphan").contains(policy)) {
            throw ApiException.invalid(registry.byResource("", "v1", "namespaces").orElseThrow(), "",
                    List.of(new dev.fairway.sandbox.api.FieldError(dev.fairway.sandbox.api.FieldError.NOT_SUPPORTED,
                            "propagationPolicy", "\"" + policy + "\"", "supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")));
        }
        return new DeleteOptions(policy, uid, rv, grace, dryRun);
    }

    // ---- the exchange -----------------------------------------------------------------------

    /** One request and its answer, with what the audit event needs. */
    final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final Instant received;
        final String auditId = UUID.randomUUID().toString();
        Fields query;
        byte[] body;
        JsonNode requestObject;
        ObjectNode responseObject;
        ObjectNode objectRef;
        String verb;
        int code;
        boolean done;
        boolean auditable = true;

        Exchange(Request request, Response response, Callback callback, Instant received) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.received = received;
            response.getHeaders().put("Audit-Id", auditId);
        }

        String header(HttpHeader h) {
            return request.getHeaders().get(h);
        }

        String query(String name) {
            if (query == null) {
                query = Request.extractQueryParameters(request);
            }
            return query.getValue(name);
        }

        boolean flag(String name) {
            String v = query(name);
            return v != null && (v.equals("true") || v.equals("1"));
        }

        Long longQuery(String name) throws ApiException {
            String v = query(name);
            if (v == null || v.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(name + " must be an integer: " + v);
            }
        }

        String contentType() {
            String ct = header(HttpHeader.CONTENT_TYPE);
            if (ct == null) {
                return "application/json";
            }
            int semi = ct.indexOf(';');
            return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        }

        byte[] rawBody() throws ApiException, IOException {
            if (body == null) {
                long declared = request.getLength();
                try (InputStream in = Request.asInputStream(request)) {
                    if (declared > MAX_BODY) {
                        // read what the client sends before answering, so it sees the 413 and not a reset
                        long left = Math.min(declared, 64L * MAX_BODY);
                        byte[] sink = new byte[65536];
                        int n;
                        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                            left -= n;
                        }
                        throw ApiException.tooLarge("Request entity too large: limit is " + MAX_BODY);
                    }
                    byte[] buf = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes(MAX_BODY + 1);
                    if (buf.length > MAX_BODY) {
                        throw ApiException.tooLarge("Request entity too large: limit is " + MAX_BODY);
                    }
                    body = buf;
                }
            }
            return body;
        }

        JsonNode body(String contentType) throws ApiException, IOException {
            JsonNode n = parse(rawBody(), contentType);
            requestObject = n;
            return n;
        }

        ObjectNode bodyObjectOf(JsonNode n) throws ApiException {
            if (!(n instanceof ObjectNode o)) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            return o;
        }

        ObjectNode bodyObject() throws ApiException, IOException {
            String ct = contentType();
            if (!ct.equals("application/json") && !ct.equals("application/yaml") && !ct.equals("*/*")) {
                throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
                        + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
            }
            JsonNode n = body(ct);
            if (!(n instanceof ObjectNode o)) {
                throw ApiException.badRequest("the request body must be a JSON object, got " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            return o;
        }

        JsonNode parse(byte[] raw, String contentType) throws ApiException {
            if (raw.length == 0) {
                throw ApiException.badRequest("the request body is empty: send the object as JSON");
            }
            try {
                if (contentType.endsWith("yaml")) {
                    rejectAliases(raw);
                    return Json.YAML.readTree(raw);
                }
                return Json.MAPPER.readTree(raw);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
                throw ApiException.badRequest("the body of the request could not be decoded" + where + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw ApiException.badRequest("the body of the request could not be read: " + e.getMessage());
            }
        }

        /**
         * Jackson reads a YAML alias ({@code *name}) as the text "name" instead of the anchored
         * value: refuse such bodies rather than store something the client did not send.
         */
        private void rejectAliases(byte[] raw) throws IOException, ApiException {
            try (com.fasterxml.jackson.core.JsonParser p = Json.YAML.getFactory().createParser(raw)) {
                while (p.nextToken() != null) {
                    if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
                        throw ApiException.badRequest("the body of the request could not be decoded at line "
                                + p.currentLocation().getLineNr() + ": YAML aliases (*" + p.getText()
                                + ") are not supported: write the value out or send JSON");
                    }
                }
            }
        }

        void objectRef(ResourceType t, ApiPath p) {
            objectRef = Json.object();
            objectRef.put("resource", t.plural());
            if (p.namespace() != null) {
                objectRef.put("namespace", p.namespace());
            }
            if (p.name() != null) {
                objectRef.put("name", p.name());
            }
            objectRef.put("apiGroup", t.group());
            objectRef.put("apiVersion", t.version());
            if (!p.subresource().isEmpty()) {
                objectRef.put("subresource", p.subresource());
            }
        }

        void write(WriteResult r, ResourceType t) throws IOException {
            for (String w : r.warnings()) {
                response.getHeaders().add("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
            }
            object(r.code(), t, r.object());
        }

        void object(int status, ResourceType t, ObjectNode obj) throws IOException {
            responseObject = obj;
            ObjectNode out = representations.single(t, obj, MediaTypes.parse(header(HttpHeader.ACCEPT)));
            json(status, out);
        }

        void list(ResourceType t, ListPage page) throws IOException {
            json(200, representations.list(t, page, MediaTypes.parse(header(HttpHeader.ACCEPT)), query("includeObject")));
        }

        void json(int status, JsonNode node) throws IOException {
            bytes(status, "application/json", Json.bytes(node));
        }

        void text(int status, String text) throws IOException {
            bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int status, String contentType, byte[] data) throws IOException {
            code = status;
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
            response.write(true, ByteBuffer.wrap(data), callback);
            done = true;
        }

        void status(ApiException e) {
            if (done) {
                callback.failed(e);
                return;
            }
            responseObject = e.status();
            try {
                json(e.code(), e.status());
            } catch (IOException io) {
                callback.failed(io);
            }
        }

        void fail(Throwable t) {
            if (!done) {
                done = true;
                callback.failed(t);
            }
        }

        ObjectNode auditEvent() {
            ObjectNode e = Json.object();
            e.put("kind", "Event");
            e.put("apiVersion", "audit.k8s.io/v1");
            boolean write = verb != null && !List.of("get", "list", "watch").contains(verb);
            e.put("level", write ? "RequestResponse" : "Metadata");
            e.put("auditID", auditId);
            e.put("stage", "ResponseComplete");
            e.put("requestURI", request.getHttpURI().getPathQuery());
            e.put("verb", verb != null ? verb : request.getMethod().toLowerCase(Locale.ROOT));
            ObjectNode user = e.putObject("user");
            user.put("username", Reviews.USER);
            user.putArray("groups").add("system:masters").add("system:authenticated");
            e.putArray("sourceIPs").add(Request.getRemoteAddr(request));
            String ua = header(HttpHeader.USER_AGENT);
            if (ua != null) {
                e.put("userAgent", ua);
            }
            if (objectRef != null) {
                e.set("objectRef", objectRef);
            }
            ObjectNode rs = e.putObject("responseStatus");
            rs.putObject("metadata");
            rs.put("code", code);
            if (write) {
                if (requestObject != null) {
                    e.set("requestObject", requestObject);
                }
                if (responseObject != null) {
                    e.set("responseObject", responseObject);
                }
            }
            e.put("requestReceivedTimestamp", micro(received));
            e.put("stageTimestamp", micro(clock.instant()));
            return e;
        }
    }

    private static String micro(Instant t) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
