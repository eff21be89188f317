package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;

/**
 * How the wires whose answers are not chat (audio, moderations, legacy completions) apply the next
 * {@link Behavior}: after its latency, a status is answered as that status in OpenAI's error shape (or the
 * behaviour's own body), a hang sends nothing, anything else runs the wire's own success answer.
 */
final class MockWires {

    private MockWires() {}

    static void answer(MockState state, Exchange exchange, String model, Runnable success) {
        answer(state, exchange, model, behavior -> success.run());
    }

    /** {@link #answer(MockState, Exchange, String, Runnable)} whose success sees the behaviour (its stream faults). */
    static void answer(MockState state, Exchange exchange, String model, java.util.function.Consumer<Behavior> success) {
        Behavior behavior = state.nextBehavior();
        exchange.later(behavior.latency(), () -> {
            switch (behavior.reply()) {
                case Reply.Status(int status, Optional<String> body) -> exchange.respond(status,
                        Exchange.APPLICATION_JSON, behavior.headers(), body.map(Buffer::buffer)
                                .orElseGet(() -> Buffer.buffer(OpenAiError.forStatus(status, model).toJson())));
                case Reply.Hang() -> { }
                default -> success.accept(behavior);
            }
        });
    }

    /** Answers with an error in OpenAI's shape. */
    static void error(Exchange exchange, OpenAiError error) {
        exchange.respond(error.status(), Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(error.toJson()));
    }
}
