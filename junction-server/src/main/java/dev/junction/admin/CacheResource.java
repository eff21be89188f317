package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.cache.CacheScope;
import dev.junction.cache.CacheStats;
import dev.junction.cache.runtime.ResponseCache;
import dev.junction.json.Json;
import dev.junction.pricing.Costs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/cache}: the response cache's size (entries and bytes, from its backend; the entries of this
 * replica's semantic index) and this replica's hit
 * rate and saved cost per route and per key; {@code DELETE} drops the entries of a scope ({@code ?scope=tenant:…},
 * with the scopes inside it) or of one virtual key ({@code ?key=<key id>}), exact and semantic (on every replica,
 * through the semantic stream, when they share Redis). A 404 when the cache is off.
 */
final class CacheResource {

    private final Optional<ResponseCache> cache;

    CacheResource(Optional<ResponseCache> cache) {
        this.cache = cache;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(GET, "/api/admin/cache", this::show),
                AdminRoute.of(DELETE, "/api/admin/cache", this::evict));
    }

    private ResponseCache cache() {
        return cache.orElseThrow(() -> AdminError.notFound("response cache", "on this gateway (cache: is not "
                + "configured)"));
    }

    private CompletionStage<Reply> show(Call call) {
        call.query(Set.of());
        ResponseCache c = cache();
        return c.store().size().thenCombine(c.semantic().size(), (size, semantic) -> {
            ObjectNode body = Json.object().put("entries", size.entries()).put("bytes", size.bytes())
                    .put("semantic_entries", semantic);
            figures(body.putObject("routes"), c.stats().byRoute());
            figures(body.putObject("keys"), c.stats().byKey());
            return Reply.ok(body);
        });
    }

    private static void figures(ObjectNode out, Map<String, CacheStats.Figures> figures) {
        figures.forEach((name, f) -> out.putObject(name).put("hits", f.hits()).put("misses", f.misses())
                .put("hit_rate", f.hitRate()).put("saved_usd", Costs.usd(f.savedNanos())));
    }

    private CompletionStage<Reply> evict(Call call) {
        QueryParams query = call.query(Set.of("scope", "key"));
        ResponseCache c = cache();
        Optional<String> scope = query.string("scope");
        Optional<String> key = query.string("key");
        if (scope.isPresent() == key.isPresent()) {
            return CompletableFuture.failedFuture(AdminError.invalid("Name either 'scope' (such as tenant:ten_1) or "
                    + "'key' (a virtual key's id)."));
        }
        CompletionStage<Long> dropped = scope.isPresent() ? c.store().evict(new CacheScope(scope.get()))
                : c.store().evictKey(key.get());
        CompletionStage<Long> semantic = scope.isPresent() ? c.semantic().evict(new CacheScope(scope.get()))
                : c.semantic().evictKey(key.get());
        return dropped.thenCombine(semantic, (n, m) -> Reply.ok(Json.object().put("deleted", n)
                .put("semantic_deleted", m)));
    }
}
