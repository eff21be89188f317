package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.provider.ProviderCatalog;
import dev.junction.secret.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code sso:} section: off by default, every key, defaults, and what is refused (never showing the secret). */
class SsoSettingsTest {

    private static SsoSettings load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml").sso();
    }

    @Test
    void nothingSaidMeansNoSingleSignOn() {
        assertThat(load("keys: []\n", Map.of())).isEqualTo(SsoSettings.NONE);
    }

    @Test
    void everyKeyIsReadAndTheSecretComesFromTheEnvironment() {
        SsoSettings sso = load("""
                sso:
                  oidc:
                    issuer: https://login.example.com/realms/corp
                    client_id: junction
                    client_secret: ${OIDC_SECRET}
                    scopes: [groups]
                    groups_claim: realm_access.roles
                    display_name: Corp
                    allow_jit: false
                    redirect_uri: https://gw.example.com/api/admin/sso/oidc/callback
                    role_mappings:
                      - {group: admins, role: owner}
                      - {group: north, role: tenant-admin, tenant: north}
                """, Map.of("OIDC_SECRET", "s3cret-from-env"));

        SsoSettings.Oidc oidc = sso.oidc().orElseThrow();
        assertThat(oidc.issuer()).isEqualTo(URI.create("https://login.example.com/realms/corp"));
        assertThat(oidc.clientSecret()).contains(Secret.of("s3cret-from-env"));
        assertThat(oidc.scopes()).containsExactly("openid", "groups");
        assertThat(oidc.groupsClaim()).isEqualTo("realm_access.roles");
        assertThat(oidc.allowJit()).isFalse();
        assertThat(oidc.redirectUri()).contains(URI.create("https://gw.example.com/api/admin/sso/oidc/callback"));
        assertThat(oidc.roleMappings()).containsExactly(new SsoSettings.RoleMapping("admins", "owner",
                Optional.empty()), new SsoSettings.RoleMapping("north", "tenant-admin", Optional.of("north")));
        assertThat(oidc.toString()).doesNotContain("s3cret");
    }

    @Test
    void theDefaultsAskForEmailAndProfileReadGroupsAndCreateUsers() {
        SsoSettings.Oidc oidc = load("""
                sso: {oidc: {issuer: "https://idp.example.com", client_id: c, role_mappings: [{group: g, role: analyst}]}}
                """, Map.of()).oidc().orElseThrow();

        assertThat(oidc.scopes()).isEqualTo(List.of("openid", "email", "profile"));
        assertThat(oidc.groupsClaim()).isEqualTo("groups");
        assertThat(oidc.clientSecret()).isEmpty();
        assertThat(oidc.allowJit()).isTrue();
        assertThat(oidc.displayName()).isEqualTo("SSO");
    }

    @Test
    void aMissingIssuerOrMappingsAndUnknownKeysAreRefusedWithoutShowingTheSecret() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                sso:
                  oidc: {issuer: "not a url", client_secret: very-secret-value, saml: true}
                """, Map.of()));

        assertThat(String.join("\n", e.problems())).contains("sso.oidc.issuer: expected an http(s) URL")
                .contains("sso.oidc.client_id: required").contains("sso.oidc.role_mappings: required")
                .contains("sso.oidc.saml: unknown key").doesNotContain("very-secret-value");
        ConfigException mapping = catchThrowableOfType(ConfigException.class, () -> load("""
                sso: {oidc: {issuer: "https://idp.example.com", client_id: c, role_mappings: [{group: g}]}}
                """, Map.of()));
        assertThat(String.join("\n", mapping.problems())).contains("sso.oidc.role_mappings[0].role: required");
    }
}
