package dev.fairway.server.ui;

/** The projects page and the cluster page. */
final class ClusterPages {

    private final WebUi.Services services;
    private final AppIndex index;

    ClusterPages(WebUi.Services services, AppIndex index) {
        this.services = services;
        this.index = index;
    }

    String projects(Http http) {
        return Layout.page("Projects", "Projects", http.session(), "");
    }

    String cluster(Http http) {
        return Layout.page("Cluster", "Cluster", http.session(), "");
    }
}
