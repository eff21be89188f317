package dev.junction.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.budget.BudgetWindow;
import dev.junction.budget.Settlement;
import dev.junction.entity.Attribution;
import dev.junction.json.Json;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class LoggedRequestCodecTest {

    private final LoggedRequestCodec codec = new LoggedRequestCodec();

    private static LoggedRequest full() {
        return new LoggedRequest("req-1", Instant.ofEpochMilli(1_760_000_000_123L),
                new Attribution("team key", Optional.of("vk_1"), Optional.of("u_1"), Optional.of("t_1"),
                        Optional.of("ten_1")),
                "/v1/messages", "claude", "anthropic", "anthropic-eu", "claude-sonnet-4", true, true, 429, 1500, 30,
                new Usage(100, 50, 40, 10, 5), new Costs(1_000, 2_000, 2_400), "a:429:rate_limited,b:429:x",
                Optional.of("rate_limited"), Optional.of("Too many \"requests\"\nline two"),
                Optional.of("{\"model\":\"claude\"}"), Optional.of("ünïcødé ✓"),
                List.of(new LoggedAttempt("a", "anthropic", 429, "rate_limited", 1, 20, "first"),
                        new LoggedAttempt("b", "anthropic", 429, "x", 25, 30, "fallback")),
                Map.of("x-request-id", "req-1"));
    }

    @Test
    void aRecordWithEveryOptionalPresentSurvivesTheRoundTrip() {
        LoggedRequest r = full();

        assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
    }

    @Test
    void aRecordWithEveryOptionalEmptySurvivesTheRoundTrip() {
        LoggedRequest r = Requests.plain("req-2");

        assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
    }

    @Test
    void unitUsageSurvivesTheRoundTrip() {
        LoggedRequest r = full();
        LoggedRequest images = new LoggedRequest(r.requestId(), r.startedAt(), r.caller(), r.endpoint(),
                r.publicModel(), r.provider(), r.deployment(), r.upstreamModel(), r.stream(), r.cacheHit(), r.status(),
                r.latencyMillis(), r.ttfbMillis(), r.usage(), r.costs(), r.attempts(), r.errorType(),
                r.errorMessage(), r.requestBody(), r.responseBody(), r.attemptLog(), r.responseHeaders(), r.source(),
                r.guardrails(), new UnitUsage(Map.of("image:1024x1024:hd", 2.0, "audio_second", 12.5)));

        assertThat(codec.decode(codec.encode(images))).isEqualTo(images);
    }

    @Test
    void theCacheOutcomeSurvivesTheRoundTrip() {
        LoggedRequest r = full();
        LoggedRequest hit = new LoggedRequest(r.requestId(), r.startedAt(), r.caller(), r.endpoint(),
                r.publicModel(), r.provider(), r.deployment(), r.upstreamModel(), r.stream(), true, r.status(),
                r.latencyMillis(), r.ttfbMillis(), r.usage(), r.costs(), r.attempts(), r.errorType(),
                r.errorMessage(), r.requestBody(), r.responseBody(), r.attemptLog(), r.responseHeaders(), r.source(),
                r.guardrails(), r.units(), new CacheOutcome("semantic", 1_234_567));

        assertThat(codec.decode(codec.encode(hit))).isEqualTo(hit);
        assertThat(codec.decode(codec.encode(r)).cache()).isEqualTo(CacheOutcome.NONE);
    }

    @Test
    void theBudgetSettlementSurvivesTheRoundTrip() {
        LoggedRequest r = full();
        Settlement settlement = new Settlement("req-1", 2_400, "run-1", List.of(
                new Settlement.Spot("budget:bud_1", new BudgetWindow(Instant.parse("2026-12-01T00:00:00Z"),
                        Optional.of(Instant.parse("2027-01-01T00:00:00Z")))),
                new Settlement.Spot("key:vk_1", BudgetWindow.ALL_TIME)));
        LoggedRequest budgeted = new LoggedRequest(r.requestId(), r.startedAt(), r.caller(), r.endpoint(),
                r.publicModel(), r.provider(), r.deployment(), r.upstreamModel(), r.stream(), r.cacheHit(), r.status(),
                r.latencyMillis(), r.ttfbMillis(), r.usage(), r.costs(), r.attempts(), r.errorType(),
                r.errorMessage(), r.requestBody(), r.responseBody(), r.attemptLog(), r.responseHeaders(), r.source(),
                r.guardrails(), r.units(), r.cache(), Optional.of(settlement));

        assertThat(codec.decode(codec.encode(budgeted))).isEqualTo(budgeted);
        assertThat(codec.decode(codec.encode(r)).budget()).isEmpty();
    }

    @Test
    void guardrailResultsSurviveTheRoundTrip() {
        LoggedRequest r = full();
        LoggedRequest guarded = new LoggedRequest(r.requestId(), r.startedAt(), r.caller(), r.endpoint(),
                r.publicModel(), r.provider(), r.deployment(), r.upstreamModel(), r.stream(), r.cacheHit(), r.status(),
                r.latencyMillis(), r.ttfbMillis(), r.usage(), r.costs(), r.attempts(), r.errorType(),
                r.errorMessage(), r.requestBody(), r.responseBody(), r.attemptLog(), r.responseHeaders(), r.source(),
                Optional.of("p/pii/EMAIL:redact@input"));

        assertThat(codec.decode(codec.encode(guarded))).isEqualTo(guarded);
    }

    @Test
    void anEncodedRecordIsOneLine() {
        assertThat(codec.encode(full())).doesNotContain("\n", "\r");
    }

    @Test
    void startedAtIsWrittenAsEpochMilliseconds() {
        ObjectNode json = Json.parseObject(codec.encode(full()).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(json.get("startedAt").longValue()).isEqualTo(1_760_000_000_123L);
    }

    @Test
    void emptyOptionalsAreLeftOut() {
        ObjectNode json = Json.parseObject(codec.encode(Requests.plain("r")).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(json.has("errorType")).isFalse();
        assertThat(json.get("caller").has("keyId")).isFalse();
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode json = Json.parseObject(codec.encode(full()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        json.put("addedLater", 7);

        assertThat(codec.decode(Json.write(json))).isEqualTo(full());
    }

    @Test
    void aLineThatIsNotJsonIsRejected() {
        assertThatThrownBy(() -> codec.decode("{\"requestId\": \"cut sh")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineMissingARequiredFieldIsRejected() {
        ObjectNode json = Json.parseObject(codec.encode(full()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        json.remove("usage");

        assertThatThrownBy(() -> codec.decode(Json.write(json))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage");
    }

    @Test
    void aFieldOfTheWrongTypeIsRejected() {
        ObjectNode json = Json.parseObject(codec.encode(full()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        json.put("status", "teapot");

        assertThatThrownBy(() -> codec.decode(Json.write(json))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    }
}
