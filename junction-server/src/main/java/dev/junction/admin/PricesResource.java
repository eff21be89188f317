package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.PriceOverride;
import dev.junction.json.Json;
import dev.junction.pricing.PriceCatalog;
import dev.junction.routing.Price;
import dev.junction.runtime.GatewayRuntime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/admin/prices}: the operator's prices per public model, which replace the catalog's for the standard and
 * charged costs of new requests. Model names may contain slashes ({@code openai/gpt-4o}).
 */
final class PricesResource {

    private final AuditedWrites writes;
    private final Supplier<GatewayRuntime> runtime;

    PricesResource(AuditedWrites writes, Supplier<GatewayRuntime> runtime) {
        this.writes = writes;
        this.runtime = runtime;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/prices", this::list),
                AdminRoute.of(GET, "/api/admin/price-catalog", this::catalog),
                AdminRoute.spanningSlashes(GET, "/api/admin/prices/{model}", this::get),
                AdminRoute.spanningSlashes(PUT, "/api/admin/prices/{model}", this::put),
                AdminRoute.spanningSlashes(DELETE, "/api/admin/prices/{model}", this::delete));
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        return writes.read(s -> s.priceOverrides().list()).thenApply(all -> Reply.list(all, PriceJson::render));
    }

    /**
     * Every price in effect, by model: the bundled catalog's, the configuration file's {@code pricing.overrides} and
     * the stored overrides, later ones winning ({@code source}: {@code catalog}, {@code file}, {@code store}); an
     * overridden catalog entry keeps its list price under {@code catalog}. {@code ?q=} keeps the models whose name
     * contains it, ignoring case.
     */
    private CompletionStage<Reply> catalog(Call call) {
        Optional<String> q = call.query(Set.of("q")).string("q").map(t -> t.toLowerCase(Locale.ROOT));
        Map<String, Price> file = runtime.get().config().governance().pricing().overrides();
        return writes.read(s -> s.priceOverrides().list()).thenApply(stored -> {
            PriceCatalog bundled = PriceCatalog.bundled();
            Map<String, ObjectNode> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String model : bundled.models()) {
                rows.put(model, PriceJson.render(model, bundled.find(model).orElseThrow()).put("source", "catalog"));
            }
            file.forEach((model, price) -> rows.put(model, overridden(rows.get(model), model, price, "file")));
            stored.forEach(o -> rows.put(o.model(), overridden(rows.get(o.model()), o.model(), o.toPrice(),
                    "store")));
            ObjectNode body = Json.object().put("version", bundled.version());
            ArrayNode data = body.putArray("data");
            rows.values().stream().filter(r -> q.isEmpty()
                    || r.path("model").asString().toLowerCase(Locale.ROOT).contains(q.get())).forEach(data::add);
            return Reply.ok(body);
        });
    }

    /** An override's row, keeping the catalog's list price (the first layer's) under {@code catalog}. */
    private static ObjectNode overridden(ObjectNode before, String model, Price price, String source) {
        ObjectNode row = PriceJson.render(model, price).put("source", source);
        if (before != null) {
            if (before.has("catalog")) {
                row.set("catalog", before.get("catalog"));
            } else if ("catalog".equals(before.path("source").asString())) {
                ObjectNode listed = before.deepCopy();
                listed.remove("source");
                listed.remove("model");
                row.set("catalog", listed);
            }
        }
        return row;
    }

    private CompletionStage<Reply> get(Call call) {
        String model = call.param("model");
        return writes.read(s -> s.priceOverrides().get(model)).thenApply(p -> Reply.ok(PriceJson.render(
                p.orElseThrow(() -> AdminError.notFound("price for model", model)))));
    }

    private CompletionStage<Reply> put(Call call) {
        String model = call.param("model");
        PriceOverride price = PriceJson.read(model, call.body(PriceJson.FIELDS));
        return writes.write(call.actor(), s -> {
            Optional<PriceOverride> before = s.priceOverrides().get(model);
            if (before.filter(price::equals).isPresent()) {
                return Outcome.unchanged(price);
            }
            s.priceOverrides().put(price);
            return Outcome.changed(price, before.isEmpty()
                    ? new Entry("price.put", "price", model, AuditDetail.of(PriceJson.render(price)))
                    : new Entry("price.put", "price", model, AuditDetail.changes(PriceJson.render(before.get()),
                            PriceJson.render(price))));
        }).thenApply(p -> Reply.ok(PriceJson.render(p)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String model = call.param("model");
        return writes.write(call.actor(), s -> {
            PriceOverride before = s.priceOverrides().get(model)
                    .orElseThrow(() -> AdminError.notFound("price for model", model));
            s.priceOverrides().delete(model);
            return Outcome.changed(before, Entry.deleted("price", model, PriceJson.render(before)));
        }).thenApply(p -> Reply.noContent());
    }
}
