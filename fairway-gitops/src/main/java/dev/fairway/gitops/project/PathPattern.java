package dev.fairway.gitops.project;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pattern as Go's {@code filepath.Match} reads it, which Argo CD uses for the group, kind and
 * name of resource white- and blacklists: {@code *} any run of characters but {@code /},
 * {@code ?} one such character, {@code [a-z]}, {@code [^a-z]}, and {@code \} to escape. There
 * are no alternatives: {@code {a,b}} is literal text.
 */
public final class PathPattern {

    private final String text;
    private final Pattern regex;

    private PathPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException for a malformed pattern, which Go reports as ErrBadPattern */
    public static PathPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < pattern.length()) {
            char c = pattern.charAt(at++);
            switch (c) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (at >= pattern.length()) {
                        throw bad(pattern, "it ends with an escaping '\\'");
                    }
                    out.append(Pattern.quote(String.valueOf(pattern.charAt(at++))));
                }
                case '[' -> {
                    int start = at - 1;
                    StringBuilder cls = new StringBuilder("[");
                    if (at < pattern.length() && pattern.charAt(at) == '^') {
                        cls.append('^');
                        at++;
                    }
                    int members = 0;
                    while (at < pattern.length() && pattern.charAt(at) != ']') {
                        char lo = pattern.charAt(at++);
                        if (lo == '\\') {
                            if (at >= pattern.length()) {
                                throw bad(pattern, "it ends with an escaping '\\'");
                            }
                            lo = pattern.charAt(at++);
                        } else if (lo == '-') {
                            throw bad(pattern, "'-' without a start at position " + at);
                        }
                        if (at < pattern.length() && pattern.charAt(at) == '-') {
                            at++;
                            if (at >= pattern.length() || pattern.charAt(at) == ']') {
                                throw bad(pattern, "the range at position " + (start + 1) + " has no end");
                            }
                            char hi = pattern.charAt(at++);
                            if (hi == '\\' && at < pattern.length()) {
                                hi = pattern.charAt(at++);
                            }
                            if (hi < lo) {
                                throw bad(pattern, "the range " + lo + "-" + hi + " runs backwards");
                            }
                            cls.append(ArgoGlob.quoteClass(String.valueOf(lo))).append('-')
                                    .append(ArgoGlob.quoteClass(String.valueOf(hi)));
                        } else {
                            cls.append(ArgoGlob.quoteClass(String.valueOf(lo)));
                        }
                        members++;
                    }
                    if (at >= pattern.length()) {
                        throw bad(pattern, "'[' at position " + (start + 1) + " is not closed by ']'");
                    }
                    at++;
                    if (members == 0) {
                        throw bad(pattern, "'[]' at position " + (start + 1) + " is empty");
                    }
                    // Go's classes never match the separator, even when negated
                    out.append("(?!/)").append(cls).append(']');
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PathPattern(pattern, Pattern.compile(out.toString(), Pattern.DOTALL));
    }

    public boolean matches(String value) {
        return value != null && regex.matcher(value).matches();
    }

    public String text() {
        return text;
    }

    private static IllegalArgumentException bad(String pattern, String why) {
        return new IllegalArgumentException("invalid pattern \"" + pattern + "\": " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
