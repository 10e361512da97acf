package dev.fairway.server.ui;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One UI request: its path, query, form (for POST) and the signed-in session, if any. */
record Http(Request request, Response response, Callback callback, String path, Map<String, String> query,
        Sessions.Session session) {

    static Map<String, String> query(Request request) {
        Map<String, String> out = new HashMap<>();
        for (Fields.Field f : Request.extractQueryParameters(request)) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    /** The urlencoded form of a POST (bounded by Jetty's default limits). */
    Map<String, String> form() {
        Map<String, String> out = new HashMap<>();
        for (Fields.Field f : FormFields.getFields(request)) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    String q(String name) {
        String v = query.get(name);
        return v == null ? "" : v;
    }

    void html(int status, String html) {
        response.setStatus(status);
        securityHeaders(response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
    }

    void text(int status, String contentType, byte[] body, String cacheControl) {
        response.setStatus(status);
        securityHeaders(response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** 303: after a POST, the browser GETs the target (no re-submit on reload). */
    void redirect(String location) {
        securityHeaders(response);
        Response.sendRedirect(request, response, callback, 303, location, true);
    }

    /** Scripts and styles only from this server; no framing; no type sniffing. */
    static void securityHeaders(Response response) {
        response.getHeaders().put("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "same-origin");
    }
}
