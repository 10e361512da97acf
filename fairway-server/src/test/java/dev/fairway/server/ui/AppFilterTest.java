package dev.fairway.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppFilterTest {

    static AppSummary app(String name, String project, String sync, String health, Map<String, String> labels) {
        return new AppSummary("argocd", name, project, "https://git.example.com/" + name + ".git", "apps/" + name, "HEAD", "",
                sync, health, name, "", "", labels);
    }

    final List<AppSummary> apps = List.of(app("idp", "platform", "OutOfSync", "Degraded", Map.of("team", "auth")),
            app("guestbook", "default", "Synced", "Healthy", Map.of("team", "web")),
            app("idp-test", "platform", "Synced", "Progressing", Map.of()));

    List<String> names(Map<String, String> query) {
        return apps.stream().filter(AppFilter.from(query).predicate()).map(AppSummary::name).toList();
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertThat(names(Map.of())).hasSize(3);
        assertThat(names(Map.of("project", "platform"))).containsExactly("idp", "idp-test");
        assertThat(names(Map.of("sync", "synced"))).containsExactly("guestbook", "idp-test");
        assertThat(names(Map.of("health", "Degraded"))).containsExactly("idp");
        assertThat(names(Map.of("namespace", "guestbook"))).containsExactly("guestbook");
        assertThat(names(Map.of("selector", "team"))).containsExactly("idp", "guestbook");
        assertThat(names(Map.of("selector", "team!=auth"))).containsExactly("guestbook", "idp-test");
        assertThat(names(Map.of("search", "IDP"))).containsExactly("idp", "idp-test");
        assertThat(names(Map.of("search", "apps/guest"))).containsExactly("guestbook");
        assertThat(names(Map.of("project", "platform", "sync", "Synced"))).containsExactly("idp-test");
    }

    @Test
    void theFiltersRoundTripThroughTheUrlAndABadSelectorSaysSo() {
        AppFilter f = AppFilter.from(Map.of("project", " platform ", "search", ""));
        assertThat(f.asQuery()).containsExactly(Map.entry("project", "platform"));
        assertThat(f.with("sync", "Synced").asQuery()).containsEntry("sync", "Synced").containsEntry("project", "platform");
        assertThatThrownBy(() -> AppFilter.from(Map.of("selector", "team===")).predicate()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void htmlEscapesEveryValue() {
        assertThat(Html.esc("<script>alert('x')</script>&\"")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assertThat(new Html().el("td", "<b>", "title", "\"x\"").toString()).isEqualTo("<td title=\"&quot;x&quot;\">&lt;b&gt;</td>");
        assertThat(WebUi.safeNext("//evil.example.com/")).isEqualTo("/applications");
        assertThat(WebUi.safeNext("https://evil.example.com/")).isEqualTo("/applications");
        assertThat(WebUi.safeNext("/applications/argocd/idp")).isEqualTo("/applications/argocd/idp");
    }
}
