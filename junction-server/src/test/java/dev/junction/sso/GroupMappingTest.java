package dev.junction.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.junction.config.SsoSettings;
import dev.junction.rbac.RoleBinding;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Groups from the ID token's claim, and the bindings the mappings give them. */
class GroupMappingTest {

    private static GroupMapping mapping(String claim, SsoSettings.RoleMapping... mappings) {
        return new GroupMapping(new SsoSettings.Oidc(URI.create("https://idp.example.com"), "c", Optional.empty(),
                List.of("openid"), claim, List.of(mappings), true, Optional.empty(), "SSO"));
    }

    private static final Map<String, Optional<String>> TENANTS = Map.of("north", Optional.of("ten_north"),
            "ten_south", Optional.of("ten_south"));

    @Test
    void theClaimMayBeAListOneStringOrANestedName() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("groups", List.of("a", "b", 7))
                .claim("one", "solo").claim("realm_access", Map.of("roles", List.of("r1"))).build();

        assertThat(mapping("groups").groups(claims)).containsExactly("a", "b");
        assertThat(mapping("one").groups(claims)).containsExactly("solo");
        assertThat(mapping("realm_access.roles").groups(claims)).containsExactly("r1");
        assertThat(mapping("missing").groups(claims)).isEmpty();
        assertThat(mapping("one.deeper").groups(claims)).isEmpty();
    }

    @Test
    void mappedGroupsGiveTheirBindingsOnceAndUnknownTenantsGiveNothing() {
        GroupMapping m = mapping("groups",
                new SsoSettings.RoleMapping("ops", "owner", Optional.empty()),
                new SsoSettings.RoleMapping("north", "tenant-admin", Optional.of("north")),
                new SsoSettings.RoleMapping("north-too", "tenant-admin", Optional.of("north")),
                new SsoSettings.RoleMapping("south", "analyst", Optional.of("ten_south")),
                new SsoSettings.RoleMapping("ghost", "analyst", Optional.of("nowhere")));

        List<RoleBinding> bindings = m.bindings(List.of("north", "north-too", "south", "ghost", "sales"),
                ref -> TENANTS.getOrDefault(ref, Optional.empty()));

        assertThat(bindings).containsExactly(RoleBinding.in("tenant-admin", "ten_north"),
                RoleBinding.in("analyst", "ten_south"));
        assertThat(m.bindings(List.of("ops"), ref -> Optional.empty())).containsExactly(RoleBinding.everywhere("owner"));
        assertThat(m.bindings(List.of("sales"), ref -> Optional.empty())).isEmpty();
    }
}
