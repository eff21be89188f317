package dev.junction.config;

import dev.junction.secret.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Single sign-on for the console ({@code sso:}). Immutable.
 *
 * @param oidc OpenID Connect sign-in, when configured
 */
public record SsoSettings(Optional<Oidc> oidc) {

    /** No single sign-on. */
    public static final SsoSettings NONE = new SsoSettings(Optional.empty());

    /** Checks that nothing is missing. */
    public SsoSettings {
        Objects.requireNonNull(oidc, "oidc");
    }

    /**
     * OpenID Connect sign-in with the authorization code flow and PKCE ({@code sso.oidc}).
     *
     * @param issuer the issuer's identifier; its discovery document is {@code <issuer>/.well-known/openid-configuration}
     * @param clientId the gateway's client id at the issuer
     * @param clientSecret the client secret, for a confidential client; empty for a public one (PKCE only)
     * @param scopes the scopes asked for ({@code openid} is always among them)
     * @param groupsClaim the ID token claim that lists the user's groups (a list of strings or one string)
     * @param roleMappings which group gets which role in which tenant
     * @param allowJit whether a signed-in user without a console account gets one
     * @param redirectUri the callback address registered at the issuer; empty to derive it from the request
     * @param displayName what the console's button says after "Sign in with"
     */
    public record Oidc(URI issuer, String clientId, Optional<Secret> clientSecret, List<String> scopes,
                       String groupsClaim, List<RoleMapping> roleMappings, boolean allowJit,
                       Optional<URI> redirectUri, String displayName) {

        /** Checks that nothing is missing; copies the lists. */
        public Oidc {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(groupsClaim, "groupsClaim");
            roleMappings = List.copyOf(roleMappings);
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(displayName, "displayName");
        }

        @Override
        public String toString() {
            return "Oidc[issuer=" + issuer + ", clientId=" + clientId + ", roleMappings=" + roleMappings.size() + "]";
        }
    }

    /**
     * Members of a group hold a role in a tenant.
     *
     * @param group the group as the groups claim names it
     * @param role a built-in or custom role
     * @param tenant the tenant's id or name; empty for every tenant
     */
    public record RoleMapping(String group, String role, Optional<String> tenant) {

        /** Checks that nothing is missing. */
        public RoleMapping {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(tenant, "tenant");
        }
    }
}
