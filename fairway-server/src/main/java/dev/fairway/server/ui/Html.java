package dev.fairway.server.ui;

/**
 * Builds HTML text; every value passes through {@link #esc} unless written with {@link #raw}, so
 * names and messages from the cluster cannot inject markup.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(8192);

    Html raw(String html) {
        out.append(html);
        return this;
    }

    Html text(Object value) {
        out.append(esc(value == null ? "" : value.toString()));
        return this;
    }

    /** Opens a tag; attributes come as name, value pairs (a null value leaves it out, "" writes the bare name). */
    Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            String v = attributes[i + 1];
            if (v == null) {
                continue;
            }
            out.append(' ').append(attributes[i]);
            if (!v.isEmpty()) {
                out.append("=\"").append(esc(v)).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding text. */
    Html el(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    static String esc(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
