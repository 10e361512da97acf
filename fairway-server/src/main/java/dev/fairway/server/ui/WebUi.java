package dev.fairway.server.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.server.ApiError;
import dev.fairway.server.ApplicationDiffs;
import dev.fairway.server.Applications;
import dev.fairway.server.ApplicationsApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI: server-rendered pages on the API's port, a session cookie after login, a CSRF token
 * on every state-changing request, and a small script that refreshes live regions on change.
 */
public final class WebUi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);
    static final String LOGIN_COOKIE = "fairway_login";

    /**
     * What the UI reads and drives.
     *
     * @param tree  an application's resource tree, as {@code GET .../resource-tree} answers
     * @param diffs the engine's comparison with git, or null on a server without an engine
     */
    public record Services(KubernetesClient client, String namespace, Applications apps, ApplicationsApi api,
            Function<ObjectNode, ObjectNode> tree, ApplicationDiffs diffs) {}

    private final Services services;
    private final AdminAccount account;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AppIndex index;
    private final ApplicationsPage applicationsPage;
    private final ApplicationPage applicationPage;
    private final ChangeStream changes;
    private final ClusterPages clusterPages;
    private volatile boolean stopping;

    public WebUi(Services services, Clock clock) throws Exception {
        this.services = services;
        this.account = new AdminAccount(services.client(), services.namespace());
        account.start();
        this.sessions = new Sessions(account::credentials, clock);
        this.throttle = new LoginThrottle(clock);
        this.index = new AppIndex(services.apps());
        this.applicationsPage = new ApplicationsPage(index);
        this.applicationPage = new ApplicationPage(services);
        this.changes = new ChangeStream(index, () -> stopping);
        this.clusterPages = new ClusterPages(services, index);
    }

    /** The signed-in session of a request, for the API to accept instead of a bearer token. */
    public Optional<Sessions.Session> session(Request request) {
        return sessions.verify(cookie(request, Sessions.COOKIE));
    }

    /** A request from a session must echo its CSRF token in the X-CSRF-Token header or _csrf field. */
    public static boolean csrfPresent(Request request, Sessions.Session session) {
        return Sessions.csrfMatches(session, request.getHeaders().get("X-CSRF-Token"));
    }

    /** Serves a UI path (anything outside {@code /api/}). */
    public void handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Http http = new Http(request, response, callback, path, Http.query(request), session(request).orElse(null));
        try {
            route(http);
        } catch (ApiError e) {
            error(http, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            error(http, 400, e.getMessage());
        } catch (Exception e) {
            LOG.error("event=ui_request_failed uri={}", request.getHttpURI(), e);
            error(http, 500, "internal error (see the server log): " + e);
        }
    }

    private void route(Http http) throws Exception {
        String path = http.path();
        String method = http.request().getMethod();
        if (path.startsWith("/static/")) {
            staticFile(http, path.substring("/static/".length()));
            return;
        }
        if (path.equals("/favicon.ico")) {
            http.text(404, "text/plain", new byte[0], "public, max-age=3600");
            return;
        }
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                login(http);
            } else {
                loginPage(http, null, 200);
            }
            return;
        }
        if (http.session() == null) {
            if (method.equals("GET") && !path.equals("/ui/stream")) {
                http.redirect(Urls.with("/login", Map.of("next", http.request().getHttpURI().getPathQuery())));
            } else {
                error(http, 401, "you are not signed in (or your session ended): sign in at /login");
            }
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String token = http.request().getHeaders().get("X-CSRF-Token");
            if (token == null) {
                token = http.form().get("_csrf");
            }
            if (!Sessions.csrfMatches(http.session(), token)) {
                error(http, 403, "this request carries no valid CSRF token, so it may come from another site: "
                        + "reload the page and try again");
                return;
            }
        }
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        switch (s[0]) {
            case "" -> http.redirect("/applications");
            case "logout" -> {
                expect(method, "POST");
                sessions.revoke(http.session());
                Response.addCookie(http.response(), cookie(http, Sessions.COOKIE, "", Duration.ZERO));
                http.redirect("/login?bye=1");
            }
            case "applications" -> {
                if (s.length == 1) {
                    expect(method, "GET");
                    http.html(200, applicationsPage.render(http));
                } else if (s.length >= 3) {
                    applicationPage.route(http, decode(s[1]), decode(s[2]), s.length > 3 ? s[3] : "", s.length > 4 ? s[4] : "");
                } else {
                    error(http, 404, "no such page: " + path);
                }
            }
            case "projects" -> http.html(200, clusterPages.projects(http));
            case "cluster" -> http.html(200, clusterPages.cluster(http));
            case "ui" -> {
                if (s.length == 2 && s[1].equals("stream")) {
                    changes.serve(http, http.q("app"));
                } else {
                    error(http, 404, "no such page: " + path);
                }
            }
            default -> error(http, 404, "no such page: " + path + " (try /applications)");
        }
    }

    static void expect(String method, String wanted) throws ApiError {
        if (!method.equals(wanted)) {
            throw new ApiError(405, method + " is not allowed here: use " + wanted);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private void loginPage(Http http, String error, int status) {
        // keep a token the browser already has: another tab (or a favicon fetch) must not void its form
        String token = cookie(http.request(), LOGIN_COOKIE);
        if (token == null || !token.matches("[A-Za-z0-9_-]{24}")) {
            byte[] raw = new byte[18];
            new SecureRandom().nextBytes(raw);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }
        Response.addCookie(http.response(), cookie(http, LOGIN_COOKIE, token, Duration.ofHours(1)));
        String next = http.request().getMethod().equals("POST") ? http.form().get("next") : http.q("next");
        http.html(status, LoginPage.render(token, safeNext(next),
                error == null && "1".equals(http.q("bye")) ? null : error));
    }

    private void login(Http http) {
        Map<String, String> form = http.form();
        String expected = cookie(http.request(), LOGIN_COOKIE);
        if (expected == null || !expected.equals(form.get("_csrf"))) {
            error(http, 403, "the sign-in form was stale or did not come from this server (CSRF token missing or wrong): "
                    + "open /login again");
            return;
        }
        String user = form.getOrDefault("username", "").trim();
        String client = Request.getRemoteAddr(http.request());
        // nothing to guess without an account: say so before any throttling
        if (account.credentials().isEmpty()) {
            loginPage(http, "No admin account exists yet (the Secret " + services.namespace() + "/" + AdminAccount.SECRET
                    + " is missing): create one with fairway admin reset-password.", 503);
            return;
        }
        Optional<Duration> wait = throttle.waitBefore(user, client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            http.response().getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(seconds));
            loginPage(http, "Too many failed sign-ins: wait " + seconds + " s before trying again.", 429);
            return;
        }
        if (!account.verify(user, form.get("password"))) {
            throttle.failed(user, client);
            LOG.warn("event=login_failed user={} client={}", user, client);
            loginPage(http, "Wrong user name or password.", 401);
            return;
        }
        throttle.succeeded(user, client);
        LOG.info("event=login user={} client={}", user, client);
        Response.addCookie(http.response(), cookie(http, Sessions.COOKIE, sessions.create(user), Sessions.LIFETIME));
        Response.addCookie(http.response(), cookie(http, LOGIN_COOKIE, "", Duration.ZERO));
        http.redirect(safeNext(form.get("next")));
    }

    /** Only a path on this server: never an open redirect to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/login")) {
            return "/applications";
        }
        return next;
    }

    private static HttpCookie cookie(Http http, String name, String value, Duration maxAge) {
        return HttpCookie.build(name, value).path("/").httpOnly(true).sameSite(HttpCookie.SameSite.STRICT)
                .secure(http.request().isSecure()).maxAge(maxAge.toSeconds()).build();
    }

    private static String cookie(Request request, String name) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    private void staticFile(Http http, String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(js|css)")) {
            error(http, 404, "no such file: /static/" + name);
            return;
        }
        try (InputStream in = WebUi.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                error(http, 404, "no such file: /static/" + name);
                return;
            }
            http.text(200, name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8", in.readAllBytes(),
                    "public, max-age=300");
        }
    }

    static void error(Http http, int status, String message) {
        Html h = new Html();
        h.el("h1", status == 404 ? "Not found" : status == 403 ? "Forbidden" : status == 401 ? "Not signed in" : "Something went wrong");
        h.el("p", message, "class", "error", "role", "alert");
        h.open("p").open("a", "href", "/applications").text("Back to applications").close("a").close("p");
        http.html(status, Layout.page("Error", "", http.session(), h.toString()));
    }

    @Override
    public void close() {
        stopping = true;
        index.close();
        account.close();
    }
}
