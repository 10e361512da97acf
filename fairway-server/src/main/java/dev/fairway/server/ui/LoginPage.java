package dev.fairway.server.ui;

/** The sign-in form; its CSRF token is a random cookie echoed in the form (no session exists yet). */
final class LoginPage {

    private LoginPage() {}

    static String render(String loginToken, String next, String error) {
        Html h = new Html();
        h.open("section", "class", "login", "aria-labelledby", "login-title").el("h1", "Sign in to Fairway", "id", "login-title");
        if (error != null) {
            h.el("p", error, "class", "error", "role", "alert", "id", "login-error");
        }
        h.open("form", "method", "post", "action", "/login");
        h.open("input", "type", "hidden", "name", "_csrf", "value", loginToken);
        h.open("input", "type", "hidden", "name", "next", "value", next);
        h.open("label", "for", "username").text("User name").close("label")
                .open("input", "id", "username", "name", "username", "value", "admin", "autocomplete", "username", "required", "");
        h.open("label", "for", "password").text("Password").close("label")
                .open("input", "id", "password", "name", "password", "type", "password", "autocomplete", "current-password",
                        "required", "", "autofocus", "", "aria-describedby", error == null ? null : "login-error");
        h.open("button", "type", "submit").text("Sign in").close("button").close("form");
        h.el("p", "The first password was printed by fairway setup; fairway admin reset-password sets a new one.", "class", "hint");
        h.close("section");
        return Layout.page("Sign in", "", null, h.toString());
    }
}
