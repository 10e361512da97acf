package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import dev.fairway.server.ApiServer;
import dev.fairway.server.ApiTokens;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The applications page with 10,000 Applications in a sandbox: first paint in headless Chromium
 * and the server's time per page request. A benchmark, not a test: it prints figures and asserts
 * only that the pages are right. Run it with
 * {@code ./mvnw -B -o -pl fairway-server test -Dtest=ApplicationsPageBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Dapps=N for another size).
 */
class ApplicationsPageBench {

    @TempDir
    Path dir;

    /** Applications without a status subresource, so that each is created with its status in one request. */
    static final String CRD = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"applications.argoproj.io"},
             "spec":{"group":"argoproj.io","scope":"Namespaced",
               "names":{"plural":"applications","singular":"application","kind":"Application"},
               "versions":[{"name":"v1alpha1","served":true,"storage":true,
                 "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """;

    @Test
    void tenThousandApps() throws Exception {
        int count = Integer.getInteger("apps", 10_000);
        try (Sandbox sandbox = Sandbox.start(new Sandbox.Config("bench-ui", dir.resolve("sandbox"), 0, null, false));
             KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(sandbox.kubeconfig()))).build()) {
            client.resource(Json.MAPPER.readValue(CRD, GenericKubernetesResource.class)).serverSideApply();
            String password = AdminAccount.ensure(client, "argocd").orElseThrow();
            long t0 = System.nanoTime();
            create(client, count);
            System.out.printf("BENCH created %d Applications in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            try (ApiServer server = ApiServer.start(client, new ApiServer.Config("127.0.0.1", 0, "argocd"),
                    ApiTokens.loadOrCreate(client, "argocd").value())) {
                serverTimes(server, password, count);
                firstPaint(server, password, count);
            }
            kubectl(sandbox, count);
        }
    }

    static void create(KubernetesClient client, int count) throws Exception {
        String[] sync = {"Synced", "Synced", "Synced", "OutOfSync"};
        String[] health = {"Healthy", "Healthy", "Progressing", "Degraded", "Missing"};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                String json = """
                        {"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                         "metadata":{"name":"app-%05d","namespace":"argocd","labels":{"team":"team-%d"}},
                         "spec":{"project":"project-%d","source":{"repoURL":"https://git.example.com/platform/app-%1$05d.git","path":"deploy","targetRevision":"main"},
                           "destination":{"server":"https://kubernetes.default.svc","namespace":"ns-%d"}},
                         "status":{"sync":{"status":"%s","revision":"4f1c2b7d9e0a4f1c2b7d9e0a4f1c2b7d9e0a4f1c"},"health":{"status":"%s"},
                           "operationState":{"phase":"Succeeded","finishedAt":"2026-11-30T10:00:00Z"}}}
                        """.formatted(n, n % 20, n % 10, n % 50, sync[n % sync.length], health[n % health.length]);
                client.resource(Json.MAPPER.readValue(json, GenericKubernetesResource.class)).create();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    static void serverTimes(ApiServer server, String password, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String cookie = login(http, server, password);
        await().atMost(Duration.ofMinutes(2)).until(() -> get(http, server, "/applications?fragment=1", cookie).contains("of " + count + "<"));
        for (String path : List.of("/applications", "/applications?page=50", "/applications?sync=OutOfSync&health=Degraded",
                "/applications?search=app-09", "/applications?selector=team%3Dteam-3")) {
            for (int i = 0; i < 20; i++) {
                get(http, server, path, cookie); // warm up the JIT
            }
            List<Long> micros = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < 50; i++) {
                long t = System.nanoTime();
                bytes = get(http, server, path, cookie).length();
                micros.add((System.nanoTime() - t) / 1000);
            }
            Collections.sort(micros);
            System.out.printf("BENCH server GET %-48s median %6.1f ms  p95 %6.1f ms  (%d KiB of HTML)%n", path,
                    micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 95 / 100) / 1000.0, bytes / 1024);
        }
    }

    static void firstPaint(ApiServer server, String password, int count) throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(server.url() + "/login");
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.getCurrentUrl().endsWith("/applications"));
            List<Double> paints = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                browser.get(server.url() + "/applications?r=" + i);
                assertThat(browser.findElements(By.cssSelector("table.apps tbody tr"))).hasSize(ApplicationsPage.PAGE_SIZE);
                assertThat(browser.findElement(By.cssSelector("#apps-caption")).getText()).contains("of " + count);
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) browser.executeScript("""
                        const p = performance.getEntriesByName('first-contentful-paint')[0];
                        const n = performance.getEntriesByType('navigation')[0];
                        return {fcp: p ? p.startTime : -1, load: n.loadEventEnd};""");
                System.out.printf("BENCH   load %d: first contentful paint %.0f ms%n", i, ((Number) t.get("fcp")).doubleValue());
                if (i >= 2) { // the first loads warm the browser's cache of the script and styles
                    paints.add(((Number) t.get("fcp")).doubleValue());
                    loads.add(((Number) t.get("load")).doubleValue());
                }
            }
            Collections.sort(paints);
            Collections.sort(loads);
            System.out.printf("BENCH browser first contentful paint of /applications (%d apps): median %.0f ms, max %.0f ms; "
                    + "load event median %.0f ms%n", count, paints.get(paints.size() / 2), paints.get(paints.size() - 1), loads.get(loads.size() / 2));
            Browser.screenshot(browser, "applications-" + count);
        } finally {
            browser.quit();
        }
    }

    /** What a user would otherwise run: kubectl listing the same Applications. */
    static void kubectl(Sandbox sandbox, int count) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder("kubectl", "--kubeconfig", sandbox.kubeconfig().toString(), "get", "applications.argoproj.io",
                    "-n", "argocd", "--no-headers").redirectErrorStream(true).start();
            long lines = new String(p.getInputStream().readAllBytes()).lines().count();
            p.waitFor();
            millis.add((System.nanoTime() - t) / 1_000_000);
            assertThat(lines).isEqualTo(count);
        }
        Collections.sort(millis);
        System.out.printf("BENCH kubectl get applications (all %d, for comparison): median %d ms%n", count, millis.get(1));
    }

    static String login(HttpClient http, ApiServer server, String password) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        String loginCookie = form.headers().allValues("set-cookie").get(0).split(";")[0];
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/login")).header("Cookie", loginCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + m.group(1) + "&username=admin&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        return done.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow()
                .split(";")[0];
    }

    static String get(HttpClient http, ApiServer server, String path, String cookie) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
