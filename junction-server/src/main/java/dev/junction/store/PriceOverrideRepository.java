package dev.junction.store;

import dev.junction.entity.PriceOverride;
import dev.junction.routing.UnitPrices;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Operator-set prices, one per public model. Blocking and thread safe: run it on a database thread
 * ({@link Database#call}). Every write increments the {@link StoreRevision}.
 */
public final class PriceOverrideRepository {

    private static final String SELECT = "SELECT model, input_per_million, output_per_million, "
            + "cached_read_per_million, cache_write_per_million, reasoning_per_million, per_image, per_second, "
            + "units FROM price_overrides";

    private final Database database;
    private final Clock clock;

    /** Price overrides of this database, timestamped by this clock. */
    public PriceOverrideRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Sets the price of a model, replacing any price set before. */
    public PriceOverride put(PriceOverride price) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> {
            // Under the store lock nobody else writes, so "update, else insert" cannot race.
            boolean exists = handle.createQuery("SELECT COUNT(*) FROM price_overrides WHERE model = :model")
                    .bind("model", price.model()).mapTo(Long.class).one() > 0;
            String sql = exists
                    ? "UPDATE price_overrides SET input_per_million = :input, output_per_million = :output, "
                            + "cached_read_per_million = :cachedRead, cache_write_per_million = :cacheWrite, "
                            + "reasoning_per_million = :reasoning, per_image = :perImage, per_second = :perSecond, "
                            + "units = :units, updated_at = :updatedAt WHERE model = :model"
                    : "INSERT INTO price_overrides (model, input_per_million, output_per_million, "
                            + "cached_read_per_million, cache_write_per_million, reasoning_per_million, per_image, "
                            + "per_second, units, updated_at) VALUES (:model, :input, :output, :cachedRead, "
                            + ":cacheWrite, :reasoning, :perImage, :perSecond, :units, :updatedAt)";
            handle.createUpdate(sql)
                    .bind("model", price.model())
                    .bind("input", price.inputPerMillion())
                    .bind("output", price.outputPerMillion())
                    .bind("cachedRead", Columns.nullable(price.cachedReadPerMillion()))
                    .bind("cacheWrite", Columns.nullable(price.cacheWritePerMillion()))
                    .bind("reasoning", Columns.nullable(price.reasoningPerMillion()))
                    // per_image and per_second keep the plain unit prices for readers of the older columns
                    .bind("perImage", price.units().exact(UnitPrices.IMAGE).orElse(null))
                    .bind("perSecond", price.units().exact(UnitPrices.AUDIO_SECOND).orElse(null))
                    .bind("units", Columns.units(price.units()))
                    .bind("updatedAt", now)
                    .execute();
            return price;
        }, stored -> true, violation -> "the price of model '" + price.model() + "' was set at the same time");
    }

    /** The price set for this model. */
    public Optional<PriceOverride> get(String model) {
        return database.jdbi().withHandle(handle -> get(handle, model));
    }

    /** Every price override, by model. */
    public List<PriceOverride> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY model")
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Removes the price of a model; the catalog's price applies again.
     *
     * @return whether there was one
     */
    public boolean delete(String model) {
        return ConfigWrite.run(database, handle -> handle.createUpdate("DELETE FROM price_overrides "
                + "WHERE model = :model").bind("model", model).execute() > 0, deleted -> deleted,
                violation -> "the price of model '" + model + "' is referenced");
    }

    private static Optional<PriceOverride> get(Handle handle, String model) {
        return handle.createQuery(SELECT + " WHERE model = :model").bind("model", model)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    private static PriceOverride read(ResultSet rs) throws SQLException {
        return new PriceOverride(rs.getString("model"), rs.getDouble("input_per_million"),
                rs.getDouble("output_per_million"), Columns.optionalDouble(rs, "cached_read_per_million"),
                Columns.optionalDouble(rs, "cache_write_per_million"),
                Columns.optionalDouble(rs, "reasoning_per_million"), units(rs));
    }

    /** The {@code units} column; rows written before it have their image and second prices in their own columns. */
    private static UnitPrices units(ResultSet rs) throws SQLException {
        if (rs.getString("units") != null) {
            return Columns.units(rs, "units");
        }
        UnitPrices units = UnitPrices.NONE;
        var perImage = Columns.optionalDouble(rs, "per_image");
        var perSecond = Columns.optionalDouble(rs, "per_second");
        if (perImage.isPresent()) {
            units = units.with(UnitPrices.IMAGE, perImage.getAsDouble());
        }
        if (perSecond.isPresent()) {
            units = units.with(UnitPrices.AUDIO_SECOND, perSecond.getAsDouble());
        }
        return units;
    }
}
