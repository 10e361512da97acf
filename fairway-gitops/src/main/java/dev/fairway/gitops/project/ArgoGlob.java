package dev.fairway.gitops.project;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob as Argo CD matches project fields (repository URLs, destinations, sync window and
 * RBAC patterns): {@code *} any run of characters except the separators, {@code **} any run at
 * all, {@code ?} one character except a separator, {@code [abc]}, {@code [a-z]}, {@code [!a-z]},
 * {@code {one,two}} alternatives (which may nest) and {@code \} to escape. Without separators
 * {@code *} crosses everything, so {@code team-*} matches {@code team-a/b}.
 *
 * <p>Argo CD logs and treats a glob that does not compile as matching nothing; we refuse it when
 * the project is read instead (see {@link #compile}), so that a broken {@code !} pattern cannot
 * quietly stop denying.
 */
public final class ArgoGlob {

    private final String text;
    private final String separators;
    private final Pattern regex;

    private ArgoGlob(String text, String separators, Pattern regex) {
        this.text = text;
        this.separators = separators;
        this.regex = regex;
    }

    /**
     * Compiles a glob.
     *
     * @param separators the characters {@code *} and {@code ?} do not cross ("" for none)
     * @throws IllegalArgumentException saying what is wrong, e.g. an unclosed {@code [}
     */
    public static ArgoGlob compile(String glob, String separators) {
        Objects.requireNonNull(glob, "glob");
        return new ArgoGlob(glob, separators, Pattern.compile(new Translation(glob, separators).regex(), Pattern.DOTALL));
    }

    /** Compiles a glob without separators. */
    public static ArgoGlob compile(String glob) {
        return compile(glob, "");
    }

    /** Matches a glob once, treating a glob that does not compile as matching nothing, as Argo CD does. */
    public static boolean matches(String glob, String text, String separators) {
        try {
            return compile(glob, separators).matches(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The reason the glob does not compile, or null when it does. */
    public static String problem(String glob, String separators) {
        try {
            compile(glob, separators);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public boolean matches(String value) {
        return value != null && regex.matcher(value).matches();
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArgoGlob g && g.text.equals(text) && g.separators.equals(separators);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, separators);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Turns the glob into an anchored regular expression, one token at a time. */
    private static final class Translation {
        private final String glob;
        private final String anyButSeparator;
        private int at;

        Translation(String glob, String separators) {
            this.glob = glob;
            this.anyButSeparator = separators.isEmpty() ? "." : "[^" + quoteClass(separators) + "]";
        }

        String regex() {
            String regex = sequence(0);
            if (at < glob.length()) {
                throw bad("unexpected '" + glob.charAt(at) + "' at position " + (at + 1));
            }
            return regex;
        }

        /** Reads until the end, or until a ',' or '}' that closes an alternative at this depth. */
        private String sequence(int depth) {
            StringBuilder out = new StringBuilder();
            while (at < glob.length()) {
                char c = glob.charAt(at);
                if (depth > 0 && (c == ',' || c == '}')) {
                    return out.toString();
                }
                at++;
                switch (c) {
                    case '\\' -> {
                        if (at >= glob.length()) {
                            throw bad("it ends with an escaping '\\'");
                        }
                        out.append(Pattern.quote(String.valueOf(glob.charAt(at++))));
                    }
                    case '*' -> {
                        if (at < glob.length() && glob.charAt(at) == '*') {
                            at++;
                            out.append(".*");
                        } else {
                            out.append(anyButSeparator).append('*');
                        }
                    }
                    case '?' -> out.append(anyButSeparator);
                    case '[' -> out.append(characterClass());
                    case '{' -> out.append(alternatives(depth + 1));
                    default -> out.append(Pattern.quote(String.valueOf(c)));
                }
            }
            if (depth > 0) {
                throw bad("'{' is not closed by '}'");
            }
            return out.toString();
        }

        private String alternatives(int depth) {
            StringBuilder out = new StringBuilder("(?:");
            while (true) {
                out.append(sequence(depth));
                if (at >= glob.length()) {
                    throw bad("'{' is not closed by '}'");
                }
                char c = glob.charAt(at++);
                if (c == '}') {
                    return out.append(')').toString();
                }
                out.append('|');
            }
        }

        private String characterClass() {
            int start = at - 1;
            boolean negated = at < glob.length() && glob.charAt(at) == '!';
            if (negated) {
                at++;
            }
            StringBuilder out = new StringBuilder(negated ? "[^" : "[");
            int members = 0;
            while (at < glob.length() && glob.charAt(at) != ']') {
                char lo = glob.charAt(at++);
                if (lo == '\\' && at < glob.length()) {
                    lo = glob.charAt(at++);
                }
                if (at + 1 < glob.length() && glob.charAt(at) == '-' && glob.charAt(at + 1) != ']') {
                    char hi = glob.charAt(at + 1);
                    at += 2;
                    if (hi < lo) {
                        throw bad("the range " + lo + "-" + hi + " at position " + (start + 1) + " runs backwards");
                    }
                    out.append(quoteClass(String.valueOf(lo))).append('-').append(quoteClass(String.valueOf(hi)));
                } else {
                    out.append(quoteClass(String.valueOf(lo)));
                }
                members++;
            }
            if (at >= glob.length()) {
                throw bad("'[' at position " + (start + 1) + " is not closed by ']'");
            }
            at++;
            if (members == 0) {
                throw bad("'[]' at position " + (start + 1) + " is empty");
            }
            return out.append(']').toString();
        }

        private IllegalArgumentException bad(String why) {
            return new IllegalArgumentException("invalid glob \"" + glob + "\": " + why);
        }
    }

    static String quoteClass(String chars) {
        StringBuilder out = new StringBuilder();
        for (char c : chars.toCharArray()) {
            if ("\\[]^-&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
