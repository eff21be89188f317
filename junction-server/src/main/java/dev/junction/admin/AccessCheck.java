package dev.junction.admin;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API's mounted endpoints with their {@link RoutePermissions} decisions, and the match of a request to
 * one. Built once at start-up: an endpoint without a decision stops the start with its name. Immutable.
 */
final class AccessCheck {

    /** A mounted endpoint and its decision. */
    record Endpoint(HttpMethod method, String template, Pattern regex, AccessRule rule) {
    }

    /** A request matched to its endpoint, with the path's parameters at hand. */
    record Match(Endpoint endpoint, Matcher path) {

        /** A named path parameter. */
        String param(String name) {
            return path.group(name);
        }
    }

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([A-Za-z][A-Za-z0-9]*)>[^)]*\\)");

    private final List<Endpoint> endpoints;

    /**
     * @param templates every mounted endpoint by method and path template
     * @throws IllegalStateException naming every endpoint without a decision in {@link RoutePermissions}
     */
    AccessCheck(List<Map.Entry<HttpMethod, Endpointed>> templates) {
        List<Endpoint> all = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (var e : templates) {
            Optional<AccessRule> rule = RoutePermissions.of(e.getKey(), e.getValue().template());
            if (rule.isEmpty()) {
                undecided.add(e.getKey() + " " + e.getValue().template());
                continue;
            }
            all.add(new Endpoint(e.getKey(), e.getValue().template(), Pattern.compile(e.getValue().regex()),
                    rule.get()));
        }
        if (!undecided.isEmpty()) {
            throw new IllegalStateException("Admin routes without an access decision (add them to "
                    + "dev.junction.admin.RoutePermissions): " + String.join(", ", undecided));
        }
        this.endpoints = List.copyOf(all);
    }

    /** A path template and the regular expression it is mounted with. */
    record Endpointed(String template, String regex) {

        /** An endpoint mounted with a regular expression of named groups; its template names them in braces. */
        static Endpointed ofRegex(String regex) {
            return new Endpointed(NAMED_GROUP.matcher(regex).replaceAll("{$1}"), regex);
        }

        /** An endpoint mounted at one exact path. */
        static Endpointed exact(String path) {
            return new Endpointed(path, Pattern.quote(path));
        }
    }

    /** The endpoint this request is for, if one is mounted. */
    Optional<Match> match(HttpMethod method, String path) {
        for (Endpoint e : endpoints) {
            if (e.method().equals(method)) {
                Matcher m = e.regex().matcher(path);
                if (m.matches()) {
                    return Optional.of(new Match(e, m));
                }
            }
        }
        return Optional.empty();
    }

    /** Every endpoint with its decision (for the permission matrix). */
    List<Endpoint> endpoints() {
        return endpoints;
    }
}
