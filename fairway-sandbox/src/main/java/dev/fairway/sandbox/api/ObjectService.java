package dev.fairway.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import dev.fairway.kube.select.FieldSelector;
import dev.fairway.kube.select.LabelSelector;
import dev.fairway.sandbox.api.AdmissionRequest.Operation;
import dev.fairway.sandbox.store.ConflictException;
import dev.fairway.sandbox.store.ObjectKey;
import dev.fairway.sandbox.store.ObjectStore;
import dev.fairway.sandbox.store.StoredObject;
import dev.fairway.sandbox.store.Write;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The semantics of the Kubernetes API on top of the store: create, read, update, patch, apply,
 * delete, list. Everything that writes objects (HTTP requests and the sandbox's own controllers)
 * goes through here, so admission, resourceVersions, generations and finalizers always apply.
 */
public final class ObjectService {

    private static final int MAX_RETRIES = 8;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final Set<String> GENERATION_GROUPS = Set.of(
            "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "apiextensions.k8s.io",
            "admissionregistration.k8s.io");

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private final List<Admission> admission;
    private final FieldManagement fields;
    private final Patcher patcher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ObjectService(ObjectStore store, ResourceRegistry registry, List<Admission> admission,
                         FieldManagement fields, Patcher patcher, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.admission = List.copyOf(admission);
        this.fields = fields;
        this.patcher = patcher;
        this.clock = clock;
    }

    public ResourceRegistry registry() {
        return registry;
    }

    public ObjectStore store() {
        return store;
    }

    // ---- keys -------------------------------------------------------------------------------

    public static ObjectKey key(ResourceType t, String namespace, String name) {
        return new ObjectKey(t.group(), t.plural(), t.namespaced() ? namespace : "", name);
    }

    public static String prefix(ResourceType t, String namespace) {
        return ObjectKey.prefix(t.group(), t.plural(), t.namespaced() ? namespace : null);
    }

    // ---- reads ------------------------------------------------------------------------------

    public ObjectNode get(ResourceType t, String namespace, String name) throws ApiException {
        return read(t, store.get(key(t, namespace, name)).orElseThrow(() -> ApiException.notFound(t, name)));
    }

    public Optional<ObjectNode> find(ResourceType t, String namespace, String name) {
        return store.get(key(t, namespace, name)).map(s -> readUnchecked(t, s));
    }

    /** Parses a stored object and presents it in the requested version of its type. */
    public ObjectNode read(ResourceType t, StoredObject s) {
        return readUnchecked(t, s);
    }

    private ObjectNode readUnchecked(ResourceType t, StoredObject s) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(s.json());
            o.put("apiVersion", t.groupVersion().toString());
            return o;
        } catch (IOException e) {
            throw new IllegalStateException("stored object " + s.key() + " is not JSON", e);
        }
    }

    /** One page of a list. */
    public record ListPage(List<ObjectNode> items, long resourceVersion, String continueToken, Long remainingItemCount) {}

    /** Options of a list: selectors and paging. */
    public record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueToken) {
        public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null);
    }

    public ListPage list(ResourceType t, String namespace, ListOptions opts) throws ApiException {
        String prefix = prefix(t, namespace);
        long rv = store.revision();
        String startAfter = null;
        if (opts.continueToken() != null && !opts.continueToken().isEmpty()) {
            startAfter = decodeContinue(opts.continueToken(), prefix);
        }
        FieldSelectors.check(t, opts.fields());
        boolean filtering = !opts.labels().isEmpty() || !opts.fields().isEmpty();
        List<ObjectNode> items = new ArrayList<>();
        int limit = opts.limit();
        String last = startAfter;
        boolean more = false;
        while (true) {
            int batch = limit > 0 ? Math.max(limit - items.size(), filtering ? 500 : 0) : 0;
            List<StoredObject> page = store.list(prefix, last, batch);
            for (StoredObject s : page) {
                last = s.key().encode();
                ObjectNode o = readUnchecked(t, s);
                if (filtering && !(opts.labels().matchesObject(o) && FieldSelectors.matches(t, opts.fields(), o))) {
                    continue;
                }
                items.add(o);
                if (limit > 0 && items.size() >= limit) {
                    break;
                }
            }
            // a full page ends the list before a short batch does: with a selector the batch is
            // larger than the page, and the objects after the page still need a continue token
            if (limit > 0 && items.size() >= limit) {
                more = !store.list(prefix, last, 1).isEmpty();
                break;
            }
            if (limit <= 0 || page.isEmpty() || page.size() < batch) {
                break;
            }
        }
        String token = more ? encodeContinue(rv, last) : null;
        Long remaining = more && !filtering ? countAfter(prefix, last) : null;
        return new ListPage(items, rv, token, remaining);
    }

    private long countAfter(String prefix, String last) {
        long total = store.count(prefix);
        long upTo = 0;
        for (StoredObject s : store.list(prefix, null, 0)) {
            upTo++;
            if (s.key().encode().equals(last)) {
                break;
            }
        }
        return total - upTo;
    }

    private static String encodeContinue(long rv, String lastKey) {
        ObjectNode t = Json.object();
        t.put("v", "meta.k8s.io/v1");
        t.put("rv", rv);
        t.put("start", lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(t));
    }

    private static String decodeContinue(String token, String prefix) throws ApiException {
        try {
            JsonNode t = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            String start = t.path("start").asText();
            if (!start.startsWith(prefix)) {
                throw ApiException.badRequest("continue key is not valid for this list");
            }
            return start;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
        }
    }

    // ---- create ----------------------------------------------------------------------------

    public WriteResult create(ResourceType t, String namespace, ObjectNode body, WriteOptions opts) throws ApiException {
        List<String> warnings = new ArrayList<>();
        ObjectNode obj = body.deepCopy();
        checkTypeMeta(t, obj);
        ObjectNode meta = metadata(obj);
        String ns = namespaceFor(t, namespace, meta);
        String name = text(meta, "name");
        if ((name == null || name.isEmpty()) && meta.hasNonNull("generateName")) {
            name = meta.get("generateName").asText() + randomSuffix();
            meta.put("name", name);
        }
        if (name == null || name.isEmpty()) {
            throw ApiException.invalid(t, "", List.of(FieldError.required("metadata.name", "name or generateName is required")));
        }
        checkNamespaceAccepts(t, ns);
        Instant now = now();
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", timestamp(now));
        meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        if (hasGeneration(t)) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        if (t.statusSubresource()) {
            obj.remove("status");
        }
        admit(new AdmissionRequest(Operation.CREATE, t, obj, null, "", opts.fieldValidation(), warnings));
        if (!meta.has("managedFields") || meta.get("managedFields").isEmpty()) {
            meta.remove("managedFields");
            obj = fields.recordUpdate(t, null, obj, opts.fieldManager(), "", now);
        }
        if (opts.dryRun()) {
            return new WriteResult(obj, 201, warnings);
        }
        ObjectNode stored = obj;
        try {
            store.write(new Write.Put(key(t, ns, name), 0, rv -> stamp(stored, rv)));
        } catch (ConflictException e) {
            throw ApiException.alreadyExists(t, name);
        }
        return new WriteResult(stored, 201, warnings);
    }

    // ---- update ----------------------------------------------------------------------------

    /** PUT: replaces the object (or its status with subresource "status"). */
    public WriteResult update(ResourceType t, String namespace, String name, String subresource, ObjectNode body,
                              WriteOptions opts) throws ApiException {
        ObjectNode obj = body.deepCopy();
        checkTypeMeta(t, obj);
        ObjectNode meta = metadata(obj);
        String bodyName = text(meta, "name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        namespaceFor(t, namespace, meta);
        String rvText = text(meta, "resourceVersion");
        StoredObject current = store.get(key(t, namespace, name)).orElseThrow(() -> ApiException.notFound(t, name));
        if (rvText != null && !rvText.isEmpty() && !rvText.equals(Long.toString(current.resourceVersion()))) {
            throw ApiException.modified(t, name);
        }
        return writeUpdate(t, namespace, name, subresource, current, old -> obj, opts);
    }

    /** PATCH with a JSON, merge or strategic-merge patch; apply patches go to {@link #apply}. */
    public WriteResult patch(ResourceType t, String namespace, String name, String subresource, String patchType,
                             JsonNode patch, WriteOptions opts) throws ApiException {
        for (int attempt = 0; ; attempt++) {
            StoredObject current = store.get(key(t, namespace, name)).orElseThrow(() -> ApiException.notFound(t, name));
            try {
                return writeUpdate(t, namespace, name, subresource, current, old -> {
                    ObjectNode patched = patcher.patch(t, old, patchType, patch);
                    String rv = text(metadata(patched), "resourceVersion");
                    if (rv != null && !rv.isEmpty() && !rv.equals(text(metadata(old), "resourceVersion"))) {
                        throw ApiException.modified(t, name);
                    }
                    return patched;
                }, opts);
            } catch (RetryException e) {
                if (attempt >= MAX_RETRIES) {
                    throw ApiException.modified(t, name);
                }
            }
        }
    }

    /** Server-side apply (PATCH application/apply-patch+yaml): creates the object when missing. */
    public WriteResult apply(ResourceType t, String namespace, String name, String subresource, ObjectNode applied,
                             WriteOptions opts) throws ApiException {
        checkTypeMeta(t, applied);
        ObjectNode ameta = metadata(applied);
        String bodyName = text(ameta, "name");
        if (bodyName == null || bodyName.isEmpty()) {
            ameta.put("name", name);
        } else if (!bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        if (text(ameta, "managedFields") != null || ameta.has("managedFields")) {
            throw ApiException.badRequest("metadata.managedFields must be nil");
        }
        namespaceFor(t, namespace, ameta);
        if (opts.fieldManager() == null || opts.fieldManager().isEmpty()) {
            throw ApiException.badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        }
        for (int attempt = 0; ; attempt++) {
            Optional<StoredObject> current = store.get(key(t, namespace, name));
            try {
                if (current.isEmpty()) {
                    if (!subresource.isEmpty()) {
                        throw ApiException.notFound(t, name);
                    }
                    ObjectNode created = fields.apply(t, null, applied, opts.fieldManager(), opts.force(), "", now());
                    WriteResult r = createApplied(t, namespace, created, opts);
                    return r;
                }
                return writeUpdate(t, namespace, name, subresource, current.get(),
                        old -> fields.apply(t, old, applied, opts.fieldManager(), opts.force(), subresource, now()),
                        new WriteOptions(opts.dryRun(), null, opts.fieldValidation(), opts.force()));
            } catch (RetryException e) {
                if (attempt >= MAX_RETRIES) {
                    throw ApiException.modified(t, name);
                }
            }
        }
    }

    private WriteResult createApplied(ResourceType t, String namespace, ObjectNode obj, WriteOptions opts) throws ApiException {
        List<String> warnings = new ArrayList<>();
        ObjectNode meta = metadata(obj);
        String ns = namespaceFor(t, namespace, meta);
        String name = text(meta, "name");
        checkNamespaceAccepts(t, ns);
        Instant now = now();
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", timestamp(now));
        if (hasGeneration(t)) {
            meta.put("generation", 1);
        }
        if (t.statusSubresource()) {
            obj.remove("status");
        }
        admit(new AdmissionRequest(Operation.CREATE, t, obj, null, "", opts.fieldValidation(), warnings));
        if (opts.dryRun()) {
            return new WriteResult(obj, 201, warnings);
        }
        try {
            store.write(new Write.Put(key(t, ns, name), 0, rv -> stamp(obj, rv)));
        } catch (ConflictException e) {
            throw new RetryException();
        }
        return new WriteResult(obj, 201, warnings);
    }

    @FunctionalInterface
    private interface Mutation {
        ObjectNode apply(ObjectNode current) throws ApiException;
    }

    /** Thrown inside retry loops when the object changed between read and write. */
    private static final class RetryException extends RuntimeException {
        RetryException() {
            super(null, null, false, false);
        }
    }

    private WriteResult writeUpdate(ResourceType t, String namespace, String name, String subresource,
                                    StoredObject current, Mutation mutation, WriteOptions opts) throws ApiException {
        List<String> warnings = new ArrayList<>();
        ObjectNode old = read(t, current);
        ObjectNode changed = mutation.apply(old.deepCopy());
        checkTypeMeta(t, changed);
        ObjectNode obj = merge(t, old, changed, subresource);
        ObjectNode meta = metadata(obj);
        ObjectNode oldMeta = metadata(old);
        for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name")) {
            if (oldMeta.has(f)) {
                meta.set(f, oldMeta.get(f));
            } else {
                meta.remove(f);
            }
        }
        meta.remove("selfLink");
        meta.put("resourceVersion", Long.toString(current.resourceVersion()));
        if (hasGeneration(t)) {
            long gen = oldMeta.path("generation").asLong(1);
            meta.put("generation", specChanged(old, obj) ? gen + 1 : gen);
        }
        if (oldMeta.has("deletionTimestamp")) {
            JsonNode oldFin = oldMeta.get("finalizers");
            JsonNode newFin = meta.get("finalizers");
            if (newFin != null && newFin.isArray()) {
                for (JsonNode f : newFin) {
                    if (oldFin == null || !contains(oldFin, f.asText())) {
                        throw ApiException.forbidden("no new finalizers can be added if the object is being deleted, found new finalizers [\""
                                + f.asText() + "\"]");
                    }
                }
            }
        }
        admit(new AdmissionRequest(Operation.UPDATE, t, obj, old, subresource, opts.fieldValidation(), warnings));
        Instant now = now();
        if (opts.fieldManager() != null) {
            obj = fields.recordUpdate(t, old, obj, opts.fieldManager(), subresource, now);
        }
        if (obj.equals(old) && !finalizable(t, obj)) {
            return new WriteResult(old, 200, warnings);
        }
        if (opts.dryRun()) {
            return new WriteResult(obj, 200, warnings);
        }
        ObjectNode stored = obj;
        try {
            if (finalizable(t, stored)) {
                store.write(new Write.Delete(current.key(), current.resourceVersion(), rv -> stamp(stored, rv)));
            } else {
                store.write(new Write.Put(current.key(), current.resourceVersion(), rv -> stamp(stored, rv)));
            }
        } catch (ConflictException e) {
            throw new RetryException();
        }
        return new WriteResult(stored, 200, warnings);
    }

    /** Keeps spec writes away from status and status writes away from the rest. */
    private static ObjectNode merge(ResourceType t, ObjectNode old, ObjectNode changed, String subresource) {
        if (!t.statusSubresource()) {
            return changed;
        }
        if ("status".equals(subresource)) {
            ObjectNode result = old.deepCopy();
            if (changed.has("status")) {
                result.set("status", changed.get("status"));
            } else {
                result.remove("status");
            }
            JsonNode mf = changed.path("metadata").get("managedFields");
            if (mf != null) {
                metadata(result).set("managedFields", mf);
            }
            return result;
        }
        ObjectNode result = changed;
        if (old.has("status")) {
            result.set("status", old.get("status"));
        } else {
            result.remove("status");
        }
        return result;
    }

    private static boolean specChanged(ObjectNode old, ObjectNode obj) {
        ObjectNode a = old.deepCopy();
        ObjectNode b = obj.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            o.remove(List.of("metadata", "status", "apiVersion", "kind"));
        }
        return !a.equals(b);
    }

    /** An object being deleted whose finalizers are all gone is removed for real. */
    private static boolean finalizable(ResourceType t, ObjectNode obj) {
        JsonNode meta = obj.get("metadata");
        if (meta == null || !meta.hasNonNull("deletionTimestamp")) {
            return false;
        }
        JsonNode fin = meta.get("finalizers");
        if (fin != null && fin.isArray() && !fin.isEmpty()) {
            return false;
        }
        if (t.group().isEmpty() && "namespaces".equals(t.plural())) {
            JsonNode specFin = obj.path("spec").get("finalizers");
            return specFin == null || specFin.isEmpty();
        }
        return true;
    }

    // ---- delete ----------------------------------------------------------------------------

    public WriteResult delete(ResourceType t, String namespace, String name, DeleteOptions opts) throws ApiException {
        for (int attempt = 0; ; attempt++) {
            StoredObject current = store.get(key(t, namespace, name)).orElseThrow(() -> ApiException.notFound(t, name));
            ObjectNode obj = read(t, current);
            ObjectNode meta = metadata(obj);
            if (opts.preconditionUid() != null && !opts.preconditionUid().equals(text(meta, "uid"))) {
                throw ApiException.conflict(t, name, "Precondition failed: UID in precondition: " + opts.preconditionUid()
                        + ", UID in object meta: " + text(meta, "uid"));
            }
            if (opts.preconditionRv() != null && !opts.preconditionRv().equals(Long.toString(current.resourceVersion()))) {
                throw ApiException.conflict(t, name, "Precondition failed: ResourceVersion in precondition: "
                        + opts.preconditionRv() + ", ResourceVersion in object meta: " + current.resourceVersion());
            }
            boolean boundPod = t.group().isEmpty() && "pods".equals(t.plural())
                    && !obj.path("spec").path("nodeName").asText("").isEmpty();
            long grace = !boundPod ? 0 : opts.gracePeriodSeconds() != null ? Math.max(0, opts.gracePeriodSeconds())
                    : obj.path("spec").path("terminationGracePeriodSeconds").asLong(30);
            if (meta.hasNonNull("deletionTimestamp")) {
                if (boundPod && grace == 0 && !opts.dryRun() && (!meta.has("finalizers") || meta.get("finalizers").isEmpty())) {
                    // the kubelet (or a forced delete) finishes a graceful pod deletion
                    try {
                        store.write(new Write.Delete(current.key(), current.resourceVersion(), rv -> stamp(obj, rv)));
                        return new WriteResult(obj, 200, List.of());
                    } catch (ConflictException e) {
                        continue;
                    }
                }
                return new WriteResult(obj, 202, List.of());
            }
            String policy = opts.propagationPolicy();
            ArrayNode finalizers = meta.has("finalizers") && meta.get("finalizers").isArray()
                    ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
            if ("Foreground".equals(policy) && !contains(finalizers, "foregroundDeletion")) {
                finalizers.add("foregroundDeletion");
            } else if ("Orphan".equals(policy) && !contains(finalizers, "orphan")) {
                finalizers.add("orphan");
            }
            if (finalizers.isEmpty()) {
                meta.remove("finalizers");
            }
            boolean isNamespace = t.group().isEmpty() && "namespaces".equals(t.plural());
            boolean graceful = !finalizers.isEmpty() || isNamespace || grace > 0;
            if (opts.dryRun()) {
                return new WriteResult(obj, 200, List.of());
            }
            try {
                if (graceful) {
                    // a pod on a node stays until its kubelet has stopped it (graceful termination)
                    meta.put("deletionTimestamp", timestamp(now().plusSeconds(grace)));
                    meta.put("deletionGracePeriodSeconds", grace);
                    if (isNamespace) {
                        obj.with("status").put("phase", "Terminating");
                    }
                    ObjectNode marked = obj;
                    store.write(new Write.Put(current.key(), current.resourceVersion(), rv -> stamp(marked, rv)));
                    return new WriteResult(marked, 200, List.of());
                }
                store.write(new Write.Delete(current.key(), current.resourceVersion(), rv -> stamp(obj, rv)));
                return new WriteResult(obj, 200, List.of());
            } catch (ConflictException e) {
                if (attempt >= MAX_RETRIES) {
                    throw ApiException.modified(t, name);
                }
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void admit(AdmissionRequest req) throws ApiException {
        for (Admission a : admission) {
            a.admit(req);
        }
    }

    private static void checkTypeMeta(ResourceType t, ObjectNode obj) throws ApiException {
        String apiVersion = text(obj, "apiVersion");
        String kind = text(obj, "kind");
        String expected = t.groupVersion().toString();
        if (apiVersion == null || apiVersion.isEmpty()) {
            obj.put("apiVersion", expected);
        } else if (!apiVersion.equals(expected)) {
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            if (!group.equals(t.group())) {
                throw ApiException.badRequest("the API version in the data (" + apiVersion
                        + ") does not match the expected API version (" + expected + ")");
            }
            obj.put("apiVersion", expected);
        }
        if (kind == null || kind.isEmpty()) {
            obj.put("kind", t.kind());
        } else if (!kind.equals(t.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + t.kind() + ")");
        }
    }

    private static String namespaceFor(ResourceType t, String urlNamespace, ObjectNode meta) throws ApiException {
        String bodyNs = text(meta, "namespace");
        if (!t.namespaced()) {
            meta.remove("namespace");
            return "";
        }
        if (urlNamespace == null || urlNamespace.isEmpty()) {
            throw ApiException.badRequest("the server could not find the requested resource: a namespace is required for " + ApiException.qualified(t));
        }
        if (bodyNs != null && !bodyNs.isEmpty() && !bodyNs.equals(urlNamespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        meta.put("namespace", urlNamespace);
        return urlNamespace;
    }

    private void checkNamespaceAccepts(ResourceType t, String ns) throws ApiException {
        if (!t.namespaced()) {
            return;
        }
        ResourceType nsType = registry.byResource("", "v1", "namespaces").orElseThrow();
        Optional<StoredObject> found = store.get(key(nsType, "", ns));
        if (found.isEmpty()) {
            throw new ApiException(404, "NotFound", "namespaces \"" + ns + "\" not found", detailsOfNamespace(ns));
        }
        ObjectNode nsObj = read(nsType, found.get());
        if (nsObj.path("metadata").hasNonNull("deletionTimestamp")) {
            throw ApiException.forbidden(ApiException.qualified(t) + " is forbidden: unable to create new content in namespace "
                    + ns + " because it is being terminated");
        }
    }

    private static ObjectNode detailsOfNamespace(String ns) {
        ObjectNode d = Json.object();
        d.put("name", ns);
        d.put("kind", "namespaces");
        return d;
    }

    private static boolean hasGeneration(ResourceType t) {
        return GENERATION_GROUPS.contains(t.group()) || !isBuiltinGroup(t.group());
    }

    private static boolean isBuiltinGroup(String group) {
        return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
    }

    static byte[] stamp(ObjectNode obj, long rv) {
        metadata(obj).put("resourceVersion", Long.toString(rv));
        return Json.bytes(obj);
    }

    public static ObjectNode metadata(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        if (m instanceof ObjectNode om) {
            return om;
        }
        return obj.putObject("metadata");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean contains(JsonNode array, String value) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (value.equals(it.next().asText())) {
                return true;
            }
        }
        return false;
    }

    private String randomSuffix() {
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
