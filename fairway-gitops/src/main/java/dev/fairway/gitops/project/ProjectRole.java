package dev.fairway.gitops.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code spec.roles[]}: a named role with its Casbin policies, the OIDC groups bound to it and
 * the tokens issued for it (from the spec and from {@code status.jwtTokensByRole}, merged by id).
 */
public record ProjectRole(String name, String description, List<RolePolicy> policies, List<String> groups,
        List<JwtToken> jwtTokens) {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$");
    private static final Pattern INVALID_GROUP_CHARS = Pattern.compile("[\"\n\r\t]");

    public ProjectRole {
        policies = List.copyOf(policies);
        groups = List.copyOf(groups);
        jwtTokens = List.copyOf(jwtTokens);
    }

    /** The Casbin subject of the role's tokens, {@code proj:P:R}. */
    public static String subject(String project, String role) {
        return "proj:" + project + ":" + role;
    }

    static ProjectRole parse(String project, ProjectFields f, List<JwtToken> statusTokens) {
        String name = f.string("name", "");
        if (!NAME.matcher(name).matches()) {
            throw f.error("name", "invalid role name '" + name + "'. Must consist of alphanumeric characters, '-' or '_', "
                    + "and must start and end with an alphanumeric character");
        }
        List<RolePolicy> policies = new ArrayList<>();
        List<String> lines = f.strings("policies");
        for (int i = 0; i < lines.size(); i++) {
            try {
                policies.add(RolePolicy.parse(project, name, lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw f.error("policies[" + i + "]", e.getMessage());
            }
        }
        List<String> groups = f.strings("groups");
        for (int i = 0; i < groups.size(); i++) {
            String problem = groupProblem(groups.get(i));
            if (problem != null) {
                throw f.error("groups[" + i + "]", problem);
            }
        }
        Map<String, JwtToken> tokens = new LinkedHashMap<>();
        f.objects("jwtTokens").stream().map(JwtToken::parse).forEach(t -> tokens.put(t.id(), t));
        statusTokens.forEach(t -> tokens.putIfAbsent(t.id(), t));
        return new ProjectRole(name, f.string("description", ""), policies, groups, List.copyOf(tokens.values()));
    }

    private static String groupProblem(String group) {
        String name = group.strip();
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        } else if (name.contains(",")) {
            return "group '" + name + "' must be quoted";
        }
        if (name.isEmpty()) {
            return "group '" + name + "' is empty";
        }
        if (INVALID_GROUP_CHARS.matcher(name).find()) {
            return "group '" + name + "' contains invalid characters";
        }
        if (group.length() > 1 && Character.isWhitespace(group.charAt(0))) {
            return "group '" + name + "' contains a leading space";
        }
        if (group.length() > 1 && Character.isWhitespace(group.charAt(group.length() - 1))) {
            return "group '" + name + "' contains a trailing space";
        }
        return null;
    }
}
