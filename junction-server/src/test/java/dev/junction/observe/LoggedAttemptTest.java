package dev.junction.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.provider.ParamRules;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoggedAttemptTest {

    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void attemptsKeepTheirOffsetDurationReasonAndWhetherTheyRetriedOrFellBack() {
        Deployment a = Deployment.of("dead", "m", ParamRules.NONE);
        Deployment b = Deployment.of("mockai", "m", ParamRules.NONE);
        GatewayError down = new GatewayError.Unavailable("down", Optional.empty());
        List<LoggedAttempt> logged = LoggedAttempt.of(List.of(
                new AttemptRecord(a, Optional.of(down), 5, START.plusMillis(2)),
                new AttemptRecord(a, Optional.of(down), 6, START.plusMillis(9)),
                new AttemptRecord(b, Optional.empty(), 40, START.plusMillis(20))), START);

        assertThat(logged).containsExactly(
                new LoggedAttempt("dead/m", "dead", down.status(), "unavailable", 2, 5, "first"),
                new LoggedAttempt("dead/m", "dead", down.status(), "unavailable", 9, 6, "retry"),
                new LoggedAttempt("mockai/m", "mockai", 200, "ok", 20, 40, "fallback"));
        assertThat(LoggedAttempt.fromJson(LoggedAttempt.toJson(logged))).isEqualTo(logged);
        assertThat(LoggedAttempt.of(List.of(), START)).isEmpty();
        assertThat(LoggedAttempt.toJson(List.of())).isEmpty();
        assertThat(LoggedAttempt.fromJson(Optional.of("{"))).isEmpty();
    }
}
