package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.controller.ApplicationController;
import dev.fairway.gitops.controller.ControllerSettings;
import dev.fairway.gitops.controller.GitDesiredState;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.repo.RepositoryCredentials;
import dev.fairway.gitops.repo.UrlRewrite;
import dev.fairway.gitops.repo.UrlRewriteRules;
import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import dev.fairway.server.ApiServer;
import dev.fairway.server.ApiTokens;
import dev.fairway.server.Applications;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in real headless Chromium, against the API server and the engine on a sandbox
 * cluster, with applications from a real git repository: what a user does, click by click.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {

    static final String REPO_URL = "https://github.com/fairway-dev/ui-e2e.git";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static KubernetesClient client;
    static GitDesiredState source;
    static ApplicationController controller;
    static ApiServer server;
    static Git repo;
    static Path work;
    static String password;
    static String token;
    static ChromeDriver browser;
    static String firstRevision;

    @BeforeAll
    static void start() throws Exception {
        work = dir.resolve("repo");
        repo = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("apps/guestbook/web.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, annotations: {argocd.argoproj.io/sync-wave: "1"}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]}
                """);
        write("apps/guestbook/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: guestbook-config}\ndata: {greeting: hello}\n");
        write("apps/billing/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: billing-config}\ndata: {currency: EUR}\n");
        firstRevision = commit("first");

        sandbox = Sandbox.start(new Sandbox.Config("ui", dir.resolve("sandbox"), 0, null, false));
        Config config = Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()));
        config.setWatchReconnectInterval(200);
        client = new KubernetesClientBuilder().withConfig(config).build();
        ArgoCdResources.install(client, "argocd", Duration.ofSeconds(60));
        password = AdminAccount.ensure(client, "argocd").orElseThrow();
        assertThat(AdminAccount.ensure(client, "argocd")).as("a second start keeps the password").isEmpty();
        source = new GitDesiredState(dir.resolve("engine"), new UrlRewriteRules(List.of(new UrlRewrite(REPO_URL, work.toString()))),
                RepositoryCredentials::none);
        controller = new ApplicationController(client, source, HealthAssessor.argoCd(),
                ControllerSettings.defaults().withResyncPeriod(Duration.ofSeconds(5)), Clock.systemUTC());
        controller.start();
        app("guestbook", "apps/guestbook", "guestbook", false);
        app("billing", "apps/billing", "billing", true);
        token = ApiTokens.loadOrCreate(client, "argocd").value();
        server = ApiServer.start(client, new ApiServer.Config("127.0.0.1", 0, "argocd"), token, controller::diff);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {server, controller, source, client, sandbox, repo}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static void write(String path, String text) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static String commit(String message) throws Exception {
        repo.add().addFilepattern(".").call();
        return repo.commit().setMessage(message).setAuthor("ui", "ui@fairway.dev").setCommitter("ui", "ui@fairway.dev").call().getName();
    }

    static void app(String name, String path, String namespace, boolean automated) throws Exception {
        String json = """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                 "metadata":{"name":"%s","namespace":"argocd","labels":{"team":"%s"}},
                 "spec":{"project":"default","source":{"repoURL":"%s","path":"%s","targetRevision":"main"},
                   "destination":{"server":"https://kubernetes.default.svc","namespace":"%s"},
                   "syncPolicy":{%s"syncOptions":["CreateNamespace=true"]}}}
                """.formatted(name, name.equals("guestbook") ? "web" : "money", REPO_URL, path, namespace,
                automated ? "\"automated\":{\"prune\":true}," : "");
        client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
    }

    static String url(String path) {
        return server.url() + path;
    }

    static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    static void awaitText(String css, String text) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(find(css).getText()).contains(text));
    }

    static void signIn(String user, String pass) {
        find("#username").clear();
        find("#username").sendKeys(user);
        find("#password").sendKeys(pass);
        find("form[action='/login'] button[type=submit]").click();
    }

    @Test
    @Order(1)
    void aPageWithoutSessionLeadsToTheLoginAndAWrongPasswordIsRejected() {
        browser.get(url("/applications?search=guest"));
        assertThat(browser.getCurrentUrl()).contains("/login").contains("next=");
        signIn("admin", "not-the-password");
        awaitText("#login-error", "Wrong user name or password");
        assertThat(browser.manage().getCookieNamed(Sessions.COOKIE)).isNull();
    }

    @Test
    @Order(2)
    void signedInTheUserSeesTheAppsAndFiltersThemInTheUrl() throws Exception {
        browser.get(url("/applications?search=guest"));
        signIn("admin", password);
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().contains("/applications?search=guest"));
        var cookie = browser.manage().getCookieNamed(Sessions.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(browser.findElements(By.cssSelector("table.apps tbody tr"))).extracting(r -> r.getAttribute("data-app"))
                .containsExactly("argocd/guestbook");

        browser.get(url("/applications"));
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(find("tr[data-app='argocd/billing'] td.sync").getText()).isEqualTo("Synced");
            assertThat(find("tr[data-app='argocd/billing'] td.health").getText()).isEqualTo("Healthy");
            assertThat(find("tr[data-app='argocd/guestbook'] td.sync").getText()).contains("OutOfSync");
        });
        assertThat(find("[data-count='sync:Synced'] .n").getText()).isEqualTo("1");
        assertThat(find("[data-count='sync:OutOfSync'] .n").getText()).isEqualTo("1");
        Browser.screenshot(browser, "applications");

        new Select(find("#f-sync")).selectByValue("Synced");
        find("#f-selector").sendKeys("team=money");
        find("form.filters button[type=submit]").click();
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().contains("sync=Synced"));
        assertThat(browser.getCurrentUrl()).contains("selector=team%3Dmoney");
        assertThat(browser.findElements(By.cssSelector("table.apps tbody tr"))).extracting(r -> r.getAttribute("data-app"))
                .containsExactly("argocd/billing");

        browser.get(url("/applications?selector=team%3D%3D%3D"));
        assertThat(find("#app-list .error").getText()).contains("is not a label selector");
    }

    /** The session and login cookies of a fresh sign-in over plain HTTP. */
    static String signInOverHttp(HttpClient http) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        String loginCookie = form.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(WebUi.LOGIN_COOKIE))
                .findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(url("/login"))).header("Cookie", loginCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + m.group(1) + "&username=admin&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(303);
        return done.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow().split(";")[0];
    }

    @Test
    @Order(3)
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String session = signInOverHttp(http);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/applications"))).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url("/applications/argocd/guestbook/refresh")))
                .header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("hard=true")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("no valid CSRF token");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/applications/guestbook/refresh")))
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(403);
        HttpResponse<String> apiRead = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/applications/guestbook")))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apiRead.statusCode()).as("a session may read the API").isEqualTo(200);
        HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/applications/guestbook")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).as("API tokens keep working").isEqualTo(200);
        HttpResponse<String> noSession = http.send(HttpRequest.newBuilder(URI.create(url("/applications/argocd/guestbook/refresh")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noSession.statusCode()).isEqualTo(401);
        HttpResponse<String> loginForged = http.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loginForged.statusCode()).isEqualTo(403);
    }

    static void markPage() {
        browser.executeScript("window.fairwayMarker = 'same page';");
    }

    static void assertSamePage() {
        assertThat(browser.executeScript("return window.fairwayMarker || 'reloaded';")).as("the page was not reloaded").isEqualTo("same page");
    }

    static void confirmSync(boolean prune, String... onlyResources) {
        find(".actions-bar a.primary").click();
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/sync"));
        if (prune) {
            find("#prune").click();
        }
        for (String r : onlyResources) {
            find("input[name=resource][value='" + r + "']").click();
        }
        find("form.options button[type=submit]").click();
        awaitText("h1", "?");
        find("#confirm-sync").click();
        awaitText("p.notice", "Sync started");
    }

    static String configMapValue() {
        return client.configMaps().inNamespace("guestbook").withName("guestbook-config").get().getData().get("greeting");
    }

    @Test
    @Order(4)
    void theUserOpensAnAppReadsItsTreeSyncsItAndWatchesTheStatusLive() throws Exception {
        browser.get(url("/applications"));
        find("tr[data-app='argocd/guestbook'] th a").click();
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/applications/argocd/guestbook"));
        markPage();
        awaitText("ul.tree li[data-kind=Deployment][data-name=web]", "OutOfSync");
        awaitText("ul.tree li[data-kind=ConfigMap][data-name=guestbook-config]", "OutOfSync");

        confirmSync(true);
        markPage();
        awaitText("#app-sync", "Synced");
        awaitText("#app-health", "Healthy");
        awaitText("#op-phase", "Succeeded");
        assertSamePage();
        assertThat(configMapValue()).isEqualTo("hello");
        awaitText("ul.tree li[data-kind=Deployment] li[data-kind=ReplicaSet] li[data-kind=Pod]", "Pod/web-");
        assertThat(find("table.results").getText()).contains("guestbook-config").contains("Synced");
        // the Deployment's wave (1) is shown beside it, after the ConfigMap's wave 0
        assertThat(find("table.results").getText()).containsPattern("Sync\\s+1\\s+\\S*Deployment\\s+guestbook\\s+web")
                .containsPattern("Sync\\s+0\\s+\\S*ConfigMap\\s+guestbook\\s+guestbook-config");
        Browser.screenshot(browser, "application");

        find("a[href$='?view=list']").click();
        awaitText("table.resources", "ReplicaSet");
        assertThat(find("table.resources").getText()).contains("Deployment").contains("Pod");
    }

    @Test
    @Order(5)
    void anEditInTheClusterShowsLiveAsADiffAndTheUserRollsBack() throws Exception {
        browser.get(url("/applications"));
        awaitText("[data-count='sync:Synced'] .n", "2");
        markPage();
        client.configMaps().inNamespace("guestbook").withName("guestbook-config")
                .edit(cm -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(cm).addToData("greeting", "hola").build());
        awaitText("tr[data-app='argocd/guestbook'] td.sync", "OutOfSync");
        awaitText("[data-count='sync:OutOfSync'] .n", "1");
        assertSamePage();

        find("tr[data-app='argocd/guestbook'] th a").click();
        find("ul.tree li[data-name=guestbook-config] > a").click();
        awaitText("#diff-state", "OUT_OF_SYNC");
        assertThat(find("pre.diff").getText()).contains("hola").contains("hello");
        assertThat(find("pre.diff span.del").getText()).contains("hola");
        assertThat(find("#live-manifest").getText()).contains("greeting: hola");
        assertThat(find("#desired-manifest").getText()).contains("greeting: hello");

        write("apps/guestbook/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: guestbook-config}\ndata: {greeting: bonjour}\n");
        String second = commit("second");
        browser.get(url("/applications/argocd/guestbook"));
        find("form[action$='/refresh'] input[name=hard]").findElement(By.xpath("..")).findElement(By.cssSelector("button")).click();
        awaitText("p.notice", "Hard refresh requested");
        confirmSync(false, "/ConfigMap/guestbook/guestbook-config");
        await().atMost(PATIENCE).until(() -> "bonjour".equals(configMapValue()));
        JsonNode selective = Json.MAPPER.valueToTree(client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd")
                .withName("guestbook").get()).path("status").path("operationState").path("operation").path("sync").path("resources");
        assertThat(selective).hasSize(1);
        assertThat(selective.get(0).path("kind").asText()).isEqualTo("ConfigMap");
        awaitText("table.history", second.substring(0, 7));

        WebElement first = browser.findElements(By.cssSelector("table.history tbody tr")).stream()
                .filter(r -> r.getText().contains(firstRevision)).findFirst().orElseThrow();
        first.findElement(By.cssSelector("a.button")).click();
        awaitText("h1", "Roll back guestbook?");
        find("#confirm-rollback").click();
        awaitText("p.notice", "Rollback started");
        // the rollback is an operation to sync the history entry's revision, as Argo CD writes it (whether the
        // cluster returns to that revision is the engine's part: it must honour operation.sync.revision)
        await().atMost(PATIENCE).untilAsserted(() -> {
            var op = Json.MAPPER.valueToTree(client.genericKubernetesResources(Applications.APPLICATION).inNamespace("argocd")
                    .withName("guestbook").get()).path("status").path("operationState");
            assertThat(op.path("operation").path("sync").path("revision").asText()).isEqualTo(firstRevision);
            assertThat(op.path("operation").path("initiatedBy").path("username").asText()).isEqualTo("admin");
            assertThat(op.path("phase").asText()).isEqualTo("Succeeded");
        });
        awaitText("#op-phase", "Succeeded");

        HttpResponse<String> noId = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/applications/guestbook/rollback")))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(noId.body()).contains("history entry's \\\"id\\\"");
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/applications/guestbook/rollback")))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{\"id\": 99}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no history entry 99");
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/applications/billing/rollback")))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{\"id\": 0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("automated sync is on");
    }

    @Test
    @Order(6)
    void theUserReadsAndFollowsAPodsLog() {
        browser.get(url("/applications/argocd/guestbook"));
        find("ul.tree li[data-kind=Pod] > a").click();
        awaitText("h1", "Pod/web-");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(find("#pod-logs").getText()).isNotBlank();
        });
        int before = find("#pod-logs").getText().split("\n").length;
        find("#follow-logs").click();
        await().atMost(PATIENCE).until(() -> find("#pod-logs").getText().split("\n").length > before);
        assertThat(find("#follow-logs").getAttribute("aria-pressed")).isEqualTo("true");
    }

    @Test
    @Order(7)
    void aBrokenSourceShowsItsFileAndLineOnTheAppPage() throws Exception {
        write("apps/broken/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad\ndata: [unclosed\n");
        commit("broken");
        app("broken", "apps/broken", "broken", false);
        browser.get(url("/applications/argocd/broken"));
        awaitText("section[aria-labelledby=conditions-title] li.error", "bad.yaml");
        assertThat(find("section[aria-labelledby=conditions-title] li.error").getText()).containsPattern("bad\\.yaml:\\d+");
    }

    @Test
    @Order(8)
    void theProjectsAndClusterPagesShowWhatIsThere() throws Exception {
        browser.get(url("/projects"));
        awaitText("#project-default", "guestbook");
        assertThat(find("#project-default").getText()).contains("billing").contains("Source repositories");
        // a project that allows another repository only: its app breaks the rule, and the page says so
        client.resource(Json.MAPPER.readValue("""
                {"apiVersion":"argoproj.io/v1alpha1","kind":"AppProject","metadata":{"name":"restricted","namespace":"argocd"},
                 "spec":{"sourceRepos":["https://example.com/only.git"],"destinations":[{"server":"*","namespace":"rogue"}],
                   "roles":[{"name":"ci","policies":["p, proj:restricted:ci, applications, get, restricted/*, allow"]}]}}
                """, GenericKubernetesResource.class)).create();
        client.resource(Json.MAPPER.readValue("""
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"rogue","namespace":"argocd"},
                 "spec":{"project":"restricted","source":{"repoURL":"%s","path":"apps/guestbook","targetRevision":"main"},
                   "destination":{"server":"https://kubernetes.default.svc","namespace":"rogue"}}}
                """.formatted(REPO_URL), GenericKubernetesResource.class)).create();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            browser.get(url("/projects"));
            assertThat(find("#project-restricted").getText()).contains("rogue").contains("Violation: InvalidSpecError")
                    .contains("is not permitted in project").contains("ci (1 policies, 0 tokens)");
        });
        browser.get(url("/cluster"));
        assertThat(browser.findElements(By.cssSelector("table.nodes tbody tr"))).isNotEmpty();
        assertThat(find("table.nodes").getText()).contains("cores").contains("MiB");
        assertThat(find("table.namespaces").getText()).contains("guestbook").contains("billing");
    }

    /** Every visible control of the page has a name a screen reader can say. */
    static void assertEveryControlIsLabelled() {
        Object unlabelled = browser.executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]'))
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                  .map(e => e.outerHTML);""");
        assertThat((List<?>) unlabelled).isEmpty();
    }

    @Test
    @Order(9)
    void thePagesAreLabelledAndUsableFromTheKeyboard() {
        for (String page : List.of("/applications", "/applications/argocd/guestbook", "/applications/argocd/guestbook/sync", "/projects",
                "/cluster")) {
            browser.get(url(page));
            assertEveryControlIsLabelled();
            assertThat(browser.findElements(By.cssSelector("h1"))).hasSize(1);
        }
        browser.get(url("/applications"));
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        // from the filters, the keyboard reaches the first app's link and opens it
        find("#f-search").sendKeys("guestbook", org.openqa.selenium.Keys.ENTER);
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().contains("search=guestbook"));
        find("tr[data-app='argocd/guestbook'] th a");
        // compared by what it links to: a live update may redraw the row (and its element) meanwhile
        java.util.function.Supplier<String> focused = () -> String.valueOf(browser.switchTo().activeElement().getAttribute("href"));
        // keys go to whatever has the focus, as a user's do (a redrawn element cannot take them itself)
        var keyboard = new org.openqa.selenium.interactions.Actions(browser);
        for (int i = 0; i < 40 && !focused.get().endsWith("/applications/argocd/guestbook"); i++) {
            keyboard.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertThat(focused.get()).endsWith("/applications/argocd/guestbook");
        keyboard.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/applications/argocd/guestbook"));
    }

    @Test
    @Order(10)
    void theUserLogsOutAndTheSessionIsGone() {
        browser.get(url("/applications"));
        find("form.logout button").click();
        await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().contains("/login"));
        browser.get(url("/cluster"));
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    @Test
    @Order(11)
    void repeatedWrongPasswordsAreSlowedDown() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        String loginCookie = form.headers().allValues("set-cookie").get(0).split(";")[0];
        java.util.function.Function<String, HttpResponse<String>> attempt = pass -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url("/login"))).header("Cookie", loginCookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + m.group(1) + "&username=admin&password=" + pass)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        int failures = 0;
        HttpResponse<String> r = attempt.apply("guess-0");
        while (r.statusCode() == 401 && failures < LoginThrottle.FREE_FAILURES + 2) {
            failures++;
            r = attempt.apply("guess-" + failures);
        }
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).isPresent();
        assertThat(r.body()).contains("Too many failed sign-ins");
        assertThat(attempt.apply(password).statusCode()).as("even the right password waits").isEqualTo(429);
    }

    @Test
    @Order(12)
    void withoutTheAdminSecretSignInSaysHowToCreateIt() throws Exception {
        client.secrets().inNamespace("argocd").withName(AdminAccount.SECRET).delete();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
            assertThat(m.find()).isTrue();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/login")))
                    .header("Cookie", form.headers().allValues("set-cookie").get(0).split(";")[0])
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + m.group(1) + "&username=admin&password=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("No admin account exists yet");
        });
    }
}
