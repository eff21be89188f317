package dev.junction.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a validated generation request with the next {@link Behavior}, in the request's dialect: the
 * part of the mock every dialect shares. Applies the behaviour's latency, then sends a completion (whole
 * or streamed), an error status, a fixture or nothing at all. Runs on an event loop and never blocks.
 */
final class Responder {

    private final Vertx vertx;
    private final MockState state;

    Responder(Vertx vertx, MockState state) {
        this.vertx = vertx;
        this.state = state;
    }

    /**
     * Takes the next behaviour and answers with it once its latency passed.
     *
     * @param lastUserText the text {@link Reply.Echo} echoes
     */
    void answer(Exchange exchange, AnswerFormat format, String lastUserText) {
        Behavior behavior = state.nextBehavior();
        exchange.later(behavior.latency(), () -> reply(exchange, format, behavior, lastUserText));
    }

    private void reply(Exchange exchange, AnswerFormat format, Behavior behavior, String lastUserText) {
        switch (behavior.reply()) {
            case Reply.Status(int status, Optional<String> body) -> exchange.respond(status, format.jsonContentType(),
                    behavior.headers(), body.map(Buffer::buffer).orElseGet(() -> format.errorBody(status, behavior.headers())));
            case Reply.Fixture fixture -> serveFixture(exchange, format, fixture, behavior);
            case Reply.Hang() -> { } // the exchange notices when the client gives up
            case Reply.Echo(), Reply.Text _, Reply.ToolCalls _ ->
                    complete(exchange, format, behavior, Answer.of(behavior, lastUserText));
        }
    }

    private static void complete(Exchange exchange, AnswerFormat format, Behavior behavior, Answer answer) {
        Optional<String> inexpressible = format.inexpressible(answer);
        if (inexpressible.isPresent()) {
            exchange.respond(500, format.jsonContentType(), Map.of(), format.mockFailure(inexpressible.get()));
        } else if (format.streams()) {
            new EventStreamWriter(exchange, format.events(answer), behavior, format::streamError)
                    .start(200, format.streamContentType());
        } else {
            exchange.respond(200, format.jsonContentType(), behavior.headers(), format.body(answer));
        }
    }

    private void serveFixture(Exchange exchange, AnswerFormat format, Reply.Fixture fixture, Behavior behavior) {
        vertx.fileSystem().readFile(fixture.path().toString()).onComplete(
                content -> {
                    if (fixture.isEventStream()) {
                        new EventStreamWriter(exchange, EventStreamWriter.splitEvents(content), behavior, format::streamError)
                                .start(fixture.status(), fixture.contentType());
                    } else {
                        exchange.respond(fixture.status(), fixture.contentType(), behavior.headers(), content);
                    }
                },
                failure -> exchange.respond(500, format.jsonContentType(), Map.of(), format.mockFailure(
                        "mock upstream cannot read fixture " + fixture.path() + ": " + failure.getMessage())));
    }
}
