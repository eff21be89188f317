package dev.junction.dialect.bedrock;

import dev.junction.dialect.DialectCodec;
import dev.junction.dialect.PassThroughWatcher;
import dev.junction.dialect.StreamDecoder;
import dev.junction.json.JsonBytes;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bedrock Converse dialect for the server. No client speaks Converse, so replies are always translated; the
 * pass-through watcher exists for completeness and reads the stream with the decoder. Stateless; thread safe.
 */
public final class BedrockCodec implements DialectCodec {

    public static final BedrockCodec INSTANCE = new BedrockCodec();

    private BedrockCodec() {}

    @Override
    public Dialect dialect() {
        return Dialect.BEDROCK_CONVERSE;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        return ConverseResponseMapper.toCanonical(body);
    }

    @Override
    public ObjectNode responseFromCanonical(ChatResponse response) {
        return ConverseResponseMapper.fromCanonical(response);
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        return new ConverseStreamDecoder(redactor);
    }

    @Override
    public List<FinishReason> finishReasons(byte[] body) {
        return JsonBytes.stringValues(body, "stopReason").stream().map(BedrockStopReasons::read).toList();
    }

    @Override
    public PassThroughWatcher passThroughWatcher(Redactor redactor) {
        ConverseStreamDecoder decoder = new ConverseStreamDecoder(redactor);
        return new PassThroughWatcher() {
            private Usage usage = Usage.ZERO;
            private GatewayError error;
            private final List<FinishReason> reasons = new ArrayList<>();

            @Override
            public void observe(SseEvent event) {
                for (StreamEvent e : decoder.decode(event)) {
                    switch (e) {
                        case StreamEvent.UsageUpdate u -> usage = u.usage();
                        case StreamEvent.StreamError s -> error = s.error();
                        case StreamEvent.Finish f -> reasons.add(f.reason());
                        default -> { }
                    }
                }
            }

            @Override
            public Usage usage() {
                return usage;
            }

            @Override
            public Optional<GatewayError> error() {
                return Optional.ofNullable(error);
            }

            @Override
            public boolean complete() {
                return decoder.done();
            }

            @Override
            public List<FinishReason> finishReasons() {
                return List.copyOf(reasons);
            }
        };
    }

    @Override
    public ObjectNode renderError(GatewayError error) {
        return BedrockErrors.render(error);
    }
}
