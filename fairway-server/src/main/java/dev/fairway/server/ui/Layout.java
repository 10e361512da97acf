package dev.fairway.server.ui;

/** The page frame every UI page shares: head, skip link, navigation with logout, main. */
final class Layout {

    private Layout() {}

    static String page(String title, String nav, Sessions.Session session, String main) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>").open("html", "lang", "en").open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", title + " · Fairway");
        if (session != null) {
            h.open("meta", "name", "csrf-token", "content", session.csrf());
        }
        h.open("link", "rel", "stylesheet", "href", "/static/fairway.css")
                .open("script", "src", "/static/fairway.js", "defer", "").close("script")
                .close("head").open("body");
        h.open("a", "class", "skip", "href", "#main").text("Skip to content").close("a");
        h.open("header", "class", "top").open("span", "class", "brand").text("Fairway").close("span");
        if (session != null) {
            h.open("nav", "aria-label", "Main").open("ul");
            item(h, "/applications", "Applications", nav);
            item(h, "/projects", "Projects", nav);
            item(h, "/cluster", "Cluster", nav);
            h.close("ul").close("nav");
            h.open("form", "method", "post", "action", "/logout", "class", "logout");
            csrf(h, session);
            h.open("span", "class", "user").text(session.user()).close("span")
                    .open("button", "type", "submit").text("Log out").close("button").close("form");
        }
        h.close("header");
        h.open("main", "id", "main", "tabindex", "-1").raw(main).close("main");
        h.close("body").close("html");
        return h.toString();
    }

    private static void item(Html h, String href, String label, String current) {
        h.open("li").open("a", "href", href, "aria-current", label.equals(current) ? "page" : null).text(label).close("a").close("li");
    }

    /** The hidden CSRF field every state-changing form carries. */
    static void csrf(Html h, Sessions.Session session) {
        h.open("input", "type", "hidden", "name", "_csrf", "value", session.csrf());
    }

    /** A status word as a coloured badge; the word itself carries the meaning, colour only helps. */
    static void badge(Html h, String status) {
        String s = status == null || status.isEmpty() ? "Unknown" : status;
        h.open("span", "class", "badge s-" + s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "")).text(s).close("span");
    }

    /** A form button that POSTs to action with the CSRF token. */
    static void postButton(Html h, Sessions.Session session, String action, String label, String... fields) {
        h.open("form", "method", "post", "action", action, "class", "inline");
        csrf(h, session);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            h.open("input", "type", "hidden", "name", fields[i], "value", fields[i + 1]);
        }
        h.open("button", "type", "submit").text(label).close("button").close("form");
    }
}
