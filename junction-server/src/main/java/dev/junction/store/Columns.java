package dev.junction.store;

import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.OperationKind;
import dev.junction.routing.UnitPrices;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.SqlStatement;
import tools.jackson.core.type.TypeReference;

/**
 * The column conventions of the schema, both ways: times as epoch milliseconds, absent values as SQL NULL, lists and
 * maps as JSON text, rate limits as the {@code rpm}, {@code tpm} and {@code max_concurrent} columns.
 */
final class Columns {

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Double>> NUMBER_MAP = new TypeReference<>() {};

    private Columns() {}

    /** Now, to the millisecond the database keeps, so that what was written equals what is read. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    static RateLimits limits(ResultSet rs) throws SQLException {
        long rpm = rs.getLong("rpm");
        OptionalLong requests = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rpm);
        long tpm = rs.getLong("tpm");
        OptionalLong tokens = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(tpm);
        int concurrent = rs.getInt("max_concurrent");
        OptionalInt maxConcurrent = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(concurrent);
        RateLimits limits = new RateLimits(requests, tokens, maxConcurrent);
        return limits.isEmpty() ? RateLimits.NONE : limits;
    }

    /** Binds {@code :rpm}, {@code :tpm} and {@code :maxConcurrent}. */
    static <S extends SqlStatement<S>> S bindLimits(S statement, RateLimits limits) {
        return statement
                .bind("rpm", limits.requestsPerMinute().isPresent() ? limits.requestsPerMinute().getAsLong() : null)
                .bind("tpm", limits.tokensPerMinute().isPresent() ? limits.tokensPerMinute().getAsLong() : null)
                .bind("maxConcurrent", limits.maxConcurrent().isPresent() ? limits.maxConcurrent().getAsInt() : null);
    }

    static Long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    static Double nullable(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    /** A list as JSON text. */
    static String json(List<String> list) {
        return Json.MAPPER.writeValueAsString(list);
    }

    /** A list that means "no restriction" when empty: SQL NULL then. */
    static String jsonOrNull(List<String> list) {
        return list.isEmpty() ? null : json(list);
    }

    /** A map as JSON text with sorted keys, so equal maps are equal text. */
    static String json(Map<String, String> map) {
        return Json.MAPPER.writeValueAsString(new TreeMap<>(map));
    }

    /** A JSON list column; NULL reads as empty. */
    static List<String> list(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? List.of() : Json.MAPPER.readValue(text, STRING_LIST);
    }

    /** A JSON map column; NULL reads as empty. */
    static Map<String, String> map(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? Map.of() : Json.MAPPER.readValue(text, STRING_MAP);
    }

    /** Unit prices as JSON text (unit name to US dollars); SQL NULL when there are none. */
    static String units(UnitPrices prices) {
        return prices.isEmpty() ? null : Json.MAPPER.writeValueAsString(prices.perUnit());
    }

    /** A unit-prices column; NULL reads as none. */
    static UnitPrices units(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? UnitPrices.NONE : new UnitPrices(Json.MAPPER.readValue(text, NUMBER_MAP));
    }

    /** Unit usage as JSON text (unit name to quantity); SQL NULL when only tokens were used. */
    static String unitUsage(UnitUsage units) {
        return units.isEmpty() ? null : Json.MAPPER.writeValueAsString(units.quantities());
    }

    /** A unit-usage column; NULL reads as none. */
    static UnitUsage unitUsage(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? UnitUsage.NONE : new UnitUsage(Json.MAPPER.readValue(text, NUMBER_MAP));
    }

    /** Operations as a JSON list of their wire names, sorted; SQL NULL when there are none. */
    static String operations(Set<OperationKind> kinds) {
        return kinds.isEmpty() ? null : json(kinds.stream().map(OperationKind::wireName).sorted().toList());
    }

    /** A JSON list column of operation wire names; NULL reads as none, unknown names are left out. */
    static Set<OperationKind> operations(ResultSet rs, String column) throws SQLException {
        EnumSet<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        list(rs, column).forEach(name -> OperationKind.ofWireName(name).ifPresent(kinds::add));
        return kinds;
    }
}
