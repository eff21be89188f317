package dev.junction.config;

import dev.junction.secret.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code sso:} section into {@link SsoSettings}. The client secret usually comes from the environment
 * ({@code client_secret: ${OIDC_CLIENT_SECRET}}); it is never part of a problem's text.
 */
final class SsoReader {

    private static final String PATH = "sso";
    private static final String OIDC = "sso.oidc";
    private static final Set<String> KEYS = Set.of("oidc");
    private static final Set<String> OIDC_KEYS = Set.of("issuer", "client_id", "client_secret", "scopes",
            "groups_claim", "role_mappings", "allow_jit", "redirect_uri", "display_name");
    private static final Set<String> MAPPING_KEYS = Set.of("group", "role", "tenant");

    private final Problems problems;

    SsoReader(Problems problems) {
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    SsoSettings read(JsonNode node) {
        if (!problems.isMapping(node, PATH)) {
            return SsoSettings.NONE;
        }
        problems.onlyKeys(node, PATH, KEYS);
        JsonNode oidc = node.get("oidc");
        if (!problems.isMapping(oidc, OIDC)) {
            return SsoSettings.NONE;
        }
        problems.onlyKeys(oidc, OIDC, OIDC_KEYS);
        Optional<URI> issuer = problems.requiredString(oidc, "issuer", OIDC).flatMap(text -> url(text, "issuer"));
        Optional<String> clientId = problems.requiredString(oidc, "client_id", OIDC);
        Optional<Secret> secret = problems.string(oidc, "client_secret", OIDC).filter(s -> !s.isBlank())
                .map(Secret::of);
        Set<String> scopes = new LinkedHashSet<>(List.of("openid"));
        scopes.addAll(oidc.has("scopes") ? problems.strings(oidc, "scopes", OIDC) : List.of("email", "profile"));
        String groupsClaim = problems.string(oidc, "groups_claim", OIDC).filter(s -> !s.isBlank()).orElse("groups");
        List<SsoSettings.RoleMapping> mappings = mappings(oidc.get("role_mappings"));
        boolean jit = problems.bool(oidc, "allow_jit", OIDC).orElse(true);
        Optional<URI> redirect = problems.string(oidc, "redirect_uri", OIDC).flatMap(t -> url(t, "redirect_uri"));
        String display = problems.string(oidc, "display_name", OIDC).filter(s -> !s.isBlank()).orElse("SSO");
        if (issuer.isEmpty() || clientId.isEmpty()) {
            return SsoSettings.NONE;
        }
        return new SsoSettings(Optional.of(new SsoSettings.Oidc(issuer.get(), clientId.get(), secret,
                List.copyOf(scopes), groupsClaim, mappings, jit, redirect, display)));
    }

    private List<SsoSettings.RoleMapping> mappings(JsonNode node) {
        String path = OIDC + ".role_mappings";
        if (node == null || node.isNull()) {
            problems.add(path + ": required (a user is let in only through a mapped group)");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(path + ": expected a non-empty list of {group, role, tenant}");
            return List.of();
        }
        List<SsoSettings.RoleMapping> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode m = node.get(i);
            if (!problems.isMapping(m, at)) {
                continue;
            }
            problems.onlyKeys(m, at, MAPPING_KEYS);
            Optional<String> group = problems.requiredString(m, "group", at);
            Optional<String> role = problems.requiredString(m, "role", at);
            Optional<String> tenant = problems.string(m, "tenant", at).filter(s -> !s.isBlank() && !"*".equals(s));
            if (group.isPresent() && role.isPresent()) {
                out.add(new SsoSettings.RoleMapping(group.get(), role.get(), tenant));
            }
        }
        return out;
    }

    private Optional<URI> url(String text, String field) {
        try {
            URI uri = URI.create(text.strip());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(OIDC + "." + field + ": expected an http(s) URL, got '" + text + "'");
        return Optional.empty();
    }
}
