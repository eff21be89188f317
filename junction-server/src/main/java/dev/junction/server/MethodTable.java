package dev.junction.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The data-plane routes as they are mounted, method by path, so that a request for a known path with another method
 * is answered 405 with {@code Allow} rather than 404 (a catch-all route matches every method, which keeps Vert.x from
 * telling the two apart). Built once per router on one thread, then only read.
 */
final class MethodTable {

    private record Entry(HttpMethod method, Pattern path) {}

    private final Router router;
    private final List<Entry> entries = new ArrayList<>();

    MethodTable(Router router) {
        this.router = router;
    }

    /** Mounts and records a route for exactly this path. */
    Route exact(HttpMethod method, String path) {
        entries.add(new Entry(method, Pattern.compile(Pattern.quote(path))));
        return router.route(method, path);
    }

    /** Mounts and records a route for the paths matching {@code regex} (named groups become path parameters). */
    Route regex(HttpMethod method, String regex) {
        entries.add(new Entry(method, Pattern.compile(regex)));
        return router.routeWithRegex(method, regex);
    }

    /** The methods some route answers on {@code path}, as an {@code Allow} header lists them; empty for none. */
    List<String> allowed(String path) {
        return entries.stream().filter(e -> e.path().matcher(path).matches()).map(e -> e.method().name())
                .distinct().toList();
    }
}
