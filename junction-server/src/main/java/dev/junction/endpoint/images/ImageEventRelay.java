package dev.junction.endpoint.images;

import dev.junction.dialect.openai.OpenAiImages;
import dev.junction.dialect.openai.OpenAiStreamErrors;
import dev.junction.image.GeneratedImage;
import dev.junction.image.ImageRequest;
import dev.junction.image.ImageResponse;
import dev.junction.image.ImageTask;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.secret.Redactor;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an image stream in OpenAI's event format ({@code image_generation.partial_image} … {@code
 * image_generation.completed}, or the {@code image_edit.} ones): an upstream's events relayed byte for byte as they
 * arrive, the tokens of its completed events recorded; or, for an upstream that only answers whole, one completed
 * event per image. An upstream stream that breaks midway (its connection cut, an error event of its own, or an end
 * before a completed event for each of the {@code n} images) ends the client's stream with OpenAI's {@code error}
 * event (the upstream's message redacted, its own error event never passed on), and the record keeps the error and
 * the tokens of the images completed, so the request log shows the failure and budgets and limits settle on it.
 * Runs on the request's event loop; one per request.
 */
final class ImageEventRelay implements Reply.Writer {

    private final ImageRequest request;
    private final EventStream<SseEvent> events;
    private final LongConsumer delivered;
    private final Redactor redactor;
    private boolean failed;
    private long inputTokens;
    private long outputTokens;
    private int completed;

    /** @param redactor redacts an upstream's error message before the client sees it */
    ImageEventRelay(ImageRequest request, EventStream<SseEvent> events, LongConsumer delivered, Redactor redactor) {
        this.request = request;
        this.events = events;
        this.delivered = delivered;
        this.redactor = redactor;
    }

    /** A writer of the completed events of an answer that came whole. */
    static Reply.Writer synthesized(ImageRequest request, ImageResponse response) {
        return exchange -> {
            HttpServerResponse out = start(exchange);
            String type = prefix(request) + ".completed";
            for (GeneratedImage image : response.images()) {
                ObjectNode event = Json.object().put("type", type).put("b64_json", image.b64Json().orElse(""))
                        .put("created_at", response.created())
                        .put("size", response.size().orElse(request.pricedSize()))
                        .put("quality", response.quality().orElse(request.pricedQuality()))
                        .put("background", response.background().orElse("opaque"))
                        .put("output_format", response.outputFormat().orElse("png"));
                Usage u = response.usage();
                event.putObject("usage").put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                        .put("total_tokens", u.inputTokens() + u.outputTokens())
                        .putObject("input_tokens_details").put("text_tokens", u.inputTokens()).put("image_tokens", 0);
                out.write(Buffer.buffer("event: " + type + "\ndata: " + Json.write(event) + "\n\n"));
            }
            out.end();
        };
    }

    private static String prefix(ImageRequest request) {
        return request.task() == ImageTask.GENERATE ? "image_generation" : "image_edit";
    }

    private static HttpServerResponse start(Exchange exchange) {
        HttpServerResponse out = exchange.response();
        exchange.record().status(200).firstByte();
        out.setStatusCode(200).setChunked(true).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache");
        return out;
    }

    @Override
    public void write(Exchange exchange) {
        HttpServerResponse out = start(exchange);
        RequestRecord record = exchange.record();
        events.start(event -> {
            if (failed) {
                return;
            }
            Optional<GatewayError> error = OpenAiStreamErrors.of(event, redactor);
            if (error.isPresent()) {
                events.cancel();
                fail(out, record, error.get());
                return;
            }
            if (event.event().endsWith(".completed") || event.dataStartsWith("{\"type\":\"image_")) {
                count(event);
            }
            out.write(event.raw());
            if (out.writeQueueFull()) {
                events.pause();
                out.drainHandler(v -> events.resume());
            }
        }, error -> fail(out, record, error), () -> {
            if (failed) {
                return;
            }
            if (completed < request.n()) {
                fail(out, record, OpenAiStreamErrors.cut());
                return;
            }
            settle(record);
            out.end();
        });
    }

    /** Ends the client's stream with the error event, once; what was completed is still recorded. */
    private void fail(HttpServerResponse out, RequestRecord record, GatewayError error) {
        if (failed) {
            return;
        }
        failed = true;
        settle(record);
        record.error(error);
        if (!out.ended() && !out.closed()) {
            out.end(OpenAiStreamErrors.event(error));
        }
    }

    /** Reads the usage of a completed event (partial images carry none). */
    private void count(SseEvent event) {
        JsonNode data = Json.tryParse(event.data().getBytes()).orElse(null);
        if (data == null || !data.path("type").asString("").endsWith(".completed")) {
            return;
        }
        completed++;
        Usage u = OpenAiImages.usage(data.path("usage"));
        inputTokens += u.inputTokens();
        outputTokens += u.outputTokens();
    }

    private void settle(RequestRecord record) {
        Usage usage = new Usage(inputTokens, outputTokens, 0, 0, 0);
        delivered.accept(usage.totalTokens());
        record.usage(usage);
        if (usage.totalTokens() == 0 && completed > 0) {
            record.units(dev.junction.pricing.UnitUsage.of(ImageUnits.unit(request.pricedSize(),
                    request.pricedQuality()), completed));
        }
    }

    @Override
    public void discard() {
        events.cancel();
    }
}
