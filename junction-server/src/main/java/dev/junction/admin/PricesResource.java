package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.PriceOverride;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/admin/prices}: the operator's prices per public model, which replace the catalog's for the standard and
 * charged costs of new requests. Model names may contain slashes ({@code openai/gpt-4o}).
 */
final class PricesResource {

    private final AuditedWrites writes;

    PricesResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/prices", this::list),
                AdminRoute.spanningSlashes(GET, "/api/admin/prices/{model}", this::get),
                AdminRoute.spanningSlashes(PUT, "/api/admin/prices/{model}", this::put),
                AdminRoute.spanningSlashes(DELETE, "/api/admin/prices/{model}", this::delete));
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        return writes.read(s -> s.priceOverrides().list()).thenApply(all -> Reply.list(all, PriceJson::render));
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
