package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A request's deployment order (the extensions' routing hooks) has the last word after each group's strategy. */
class DeploymentOrderTest extends RouteExecutorHarness {

    private Future<RouteOutcome> run(RouteExecutor executor, DeploymentOrder order) {
        ObjectNode body = (ObjectNode) Json.tryParse(
                "{\"model\":\"general\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").orElseThrow();
        return executor.execute(new ClientRequest(Dialect.OPENAI_CHAT, body, OpenAiRequestMapper.toCanonical(body)),
                route, RequestFacts.NONE, pin, order, "req-1", cancellation);
    }

    @Test
    void aGroupTheOrderEmptiesIsSkipped() {
        succeed("a");
        succeed("b");

        RouteOutcome outcome = run(executor("a", "b", "c"),
                (r, group, ordered) -> ordered.stream().filter(d -> !d.provider().equals("a")).toList()).result();

        assertThat(outcome.step().provider()).isEqualTo("b");
        assertThat(called).containsExactly("b/model-b");
    }

    @Test
    void deploymentsTheOrderAddsAreIgnored() {
        succeed("a");
        succeed("c");

        RouteOutcome outcome = run(executor("a", "b", "c"), (r, group, ordered) -> List.of(C, ordered.getFirst()))
                .result();

        assertThat(outcome.step().provider()).isEqualTo("a");
        assertThat(called).containsExactly("a/model-a");
    }

    @Test
    void aGatewayExceptionFromTheOrderEndsTheRequestWithItsError() {
        succeed("a");
        GatewayError refused = new GatewayError.Unavailable("an extension could not order", Optional.empty());

        Future<RouteOutcome> outcome = run(executor("a", "b", "c"), (r, group, ordered) -> {
            throw new GatewayException(refused);
        });

        assertThat(outcome.cause()).isInstanceOfSatisfying(RouteFailure.class,
                f -> assertThat(f.error()).isEqualTo(refused));
        assertThat(called).isEmpty();
    }
}
