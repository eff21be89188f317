package dev.junction.routing;

import java.util.Optional;

/**
 * A request's pin to one deployment or one provider, for debugging (headers {@code X-Junction-Deployment} and
 * {@code X-Junction-Provider}). A pinned request goes only where it is pinned, health and strategy aside.
 */
public record Pin(Optional<String> deployment, Optional<String> provider) {

    /** No pin. */
    public static final Pin NONE = new Pin(Optional.empty(), Optional.empty());

    /** A pin from header values, either of which may be null or blank. */
    public static Pin of(String deployment, String provider) {
        return new Pin(Optional.ofNullable(deployment).map(String::strip).filter(s -> !s.isEmpty()),
                Optional.ofNullable(provider).map(String::strip).filter(s -> !s.isEmpty()));
    }

    /** Whether nothing is pinned. */
    public boolean isEmpty() {
        return deployment.isEmpty() && provider.isEmpty();
    }

    /** Whether the deployment is one the pin allows. */
    public boolean matches(Deployment d) {
        return deployment.map(id -> id.equals(d.id())).orElse(true)
                && provider.map(p -> p.equals(d.provider())).orElse(true);
    }

    @Override
    public String toString() {
        return deployment.map(d -> "deployment '" + d + "'").orElse("")
                + (deployment.isPresent() && provider.isPresent() ? " and " : "")
                + provider.map(p -> "provider '" + p + "'").orElse("");
    }
}
