package dev.fairway.server.ui;

/** One application: summary, actions, operation, conditions, resource tree, history. */
final class ApplicationPage {

    private final WebUi.Services services;
    private final AppIndex index;

    ApplicationPage(WebUi.Services services, AppIndex index) {
        this.services = services;
        this.index = index;
    }

    void route(Http http, String namespace, String name, String action, String sub) throws Exception {
        WebUi.error(http, 404, "not yet");
    }
}
