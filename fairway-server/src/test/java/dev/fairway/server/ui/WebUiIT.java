package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
                metadata: {name: web}
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
}
