package dev.junction.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.junction.config.SsoSettings;
import dev.junction.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * From a verified ID token to what the console user may do: its groups (the configured claim, a list of strings or
 * one string; a dotted name such as {@code realm_access.roles} reads a nested claim) and the role bindings the
 * configured mappings give them. Immutable; thread safe.
 */
public final class GroupMapping {

    private final SsoSettings.Oidc settings;

    /** The mapping these settings describe. */
    public GroupMapping(SsoSettings.Oidc settings) {
        this.settings = settings;
    }

    /** The user's groups as the token lists them. */
    public List<String> groups(JWTClaimsSet claims) {
        Object value = claims.toJSONObject();
        for (String part : settings.groupsClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        if (value instanceof String one) {
            return List.of(one);
        }
        if (value instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /**
     * The bindings the groups give, without duplicates; a mapping whose tenant does not exist gives none.
     *
     * @param tenantId the id of a tenant named by its id or name, if it exists
     */
    public List<RoleBinding> bindings(List<String> groups, Function<String, Optional<String>> tenantId) {
        Set<String> held = Set.copyOf(groups);
        Set<RoleBinding> out = new LinkedHashSet<>();
        for (SsoSettings.RoleMapping m : settings.roleMappings()) {
            if (!held.contains(m.group())) {
                continue;
            }
            if (m.tenant().isEmpty()) {
                out.add(RoleBinding.everywhere(m.role()));
            } else {
                tenantId.apply(m.tenant().get()).ifPresent(id -> out.add(RoleBinding.in(m.role(), id)));
            }
        }
        return new ArrayList<>(out);
    }
}
