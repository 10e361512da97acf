package dev.fairway.gitops.render;

import java.util.regex.Pattern;

/**
 * A file glob as Argo CD matches {@code directory.include} and {@code exclude} (gobwas/glob
 * without separators): {@code *} and {@code **} match any text including {@code /}, {@code ?}
 * one character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} a character class,
 * {@code {a.yaml,b.yaml}} any of the alternatives (which may hold patterns themselves), and
 * {@code \} escapes the next character. The whole relative path must match.
 */
record Glob(String pattern, Pattern regex) {

    static Glob compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        int end = translate(pattern, 0, regex, false);
        if (end != pattern.length()) {
            throw new IllegalArgumentException("unexpected '" + pattern.charAt(end) + "' at position " + (end + 1));
        }
        return new Glob(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** Translates from {@code start}; inside braces stops at the closing brace or a comma. */
    private static int translate(String pattern, int start, StringBuilder out, boolean inBraces) {
        int i = start;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (inBraces && (c == ',' || c == '}')) {
                return i;
            }
            switch (c) {
                case '*' -> {
                    while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                    }
                    out.append(".*");
                }
                case '?' -> out.append('.');
                case '\\' -> {
                    if (i + 1 >= pattern.length()) {
                        throw new IllegalArgumentException("a '\\' at the end escapes nothing");
                    }
                    out.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                }
                case '[' -> i = characterClass(pattern, i, out);
                case '{' -> i = alternatives(pattern, i, out);
                case '}', ',' -> {
                    if (c == '}') {
                        throw new IllegalArgumentException("'}' at position " + (i + 1) + " closes no '{'");
                    }
                    out.append(',');
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        if (inBraces) {
            throw new IllegalArgumentException("'{' is never closed with '}'");
        }
        return i;
    }

    private static int alternatives(String pattern, int open, StringBuilder out) {
        out.append("(?:");
        int i = open + 1;
        while (true) {
            StringBuilder alternative = new StringBuilder();
            i = translate(pattern, i, alternative, true);
            out.append(alternative);
            if (pattern.charAt(i) == '}') {
                out.append(')');
                return i;
            }
            out.append('|');
            i++;
        }
    }

    private static int characterClass(String pattern, int open, StringBuilder out) {
        int close = pattern.indexOf(']', open + 2);
        if (close < 0) {
            throw new IllegalArgumentException("'[' at position " + (open + 1) + " is never closed with ']'");
        }
        String body = pattern.substring(open + 1, close);
        boolean negated = body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        out.append(negated ? "[^" : "[");
        for (char c : body.toCharArray()) {
            // Letters, digits and the range dash keep their meaning; anything else is literal.
            out.append(Character.isLetterOrDigit(c) || c == '-' ? String.valueOf(c) : "\\" + c);
        }
        out.append(']');
        return close;
    }
}
