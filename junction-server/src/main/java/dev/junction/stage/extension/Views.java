package dev.junction.stage.extension;

import dev.junction.entity.Attribution;
import dev.junction.extension.CallerInfo;
import dev.junction.governance.Caller;
import dev.junction.extension.RequestInfo;
import dev.junction.extension.RequestSummary;
import dev.junction.observe.LoggedRequest;
import dev.junction.pipeline.Exchange;
import dev.junction.routing.Route;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What extensions see of a request: its {@link RequestInfo}, and once over its {@link RequestSummary}. */
final class Views {

    private Views() {
    }

    /**
     * The request as hooks see it. Its headers are copied when a hook may read them on a worker thread (the HTTP
     * request belongs to the event loop).
     */
    static RequestInfo info(Exchange exchange, boolean offLoop) {
        Attribution who = exchange.caller().map(Caller::attribution)
                .orElseGet(() -> Attribution.named(exchange.record().keyNameOrDash()));
        CallerInfo caller = new CallerInfo(who.keyName(), who.userId(), who.teamId(), who.tenantId());
        String dialect = exchange.dialect().name().toLowerCase(Locale.ROOT);
        String route = exchange.route().map(Route::name).orElse("");
        java.util.function.Function<String, Optional<String>> headers = exchange::header;
        if (offLoop) {
            Map<String, String> copy = exchange.headers();
            headers = name -> Optional.ofNullable(copy.get(name));
        }
        return new RequestInfo(exchange.requestId(), caller, exchange.operation().model(), route, dialect,
                exchange.operation().stream(), headers);
    }

    /** The finished request; bodies only when {@code bodies} (and only what the request log captured). */
    static RequestSummary summary(LoggedRequest logged, String operation, boolean bodies) {
        Attribution who = logged.caller();
        return new RequestSummary(logged.requestId(), logged.startedAt(),
                new CallerInfo(who.keyName(), who.userId(), who.teamId(), who.tenantId()), operation,
                logged.publicModel(), logged.provider(), logged.deployment(), logged.stream(), logged.status(),
                logged.errorType(), logged.usage(), logged.costs(), logged.latencyMillis(), logged.ttfbMillis(),
                bodies ? logged.requestBody() : Optional.empty(), bodies ? logged.responseBody() : Optional.empty());
    }
}
