package dev.junction.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One flat JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code msg}, then every key-value pair
 * of the event as a top-level field, then {@code exception}. Flat fields are what log pipelines and {@code jq} want;
 * logback's own encoder nests them in a list.
 */
public final class FlatJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] EMPTY = new byte[0];

    @Override
    public byte[] headerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        var out = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringProperty("level", event.getLevel().toString());
            g.writeStringProperty("logger", event.getLoggerName());
            g.writeStringProperty("msg", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair kv : event.getKeyValuePairs()) {
                    writeValue(g, kv.key, kv.value);
                }
            }
            IThrowableProxy t = event.getThrowableProxy();
            if (t != null) {
                g.writeStringProperty("exception", ThrowableProxyUtil.asString(t));
            }
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator g, String key, Object value) {
        switch (value) {
            case null -> g.writeNullProperty(key);
            case Integer i -> g.writeNumberProperty(key, i);
            case Long l -> g.writeNumberProperty(key, l);
            case Double d -> g.writeNumberProperty(key, d);
            case Boolean b -> g.writeBooleanProperty(key, b);
            default -> g.writeStringProperty(key, String.valueOf(value));
        }
    }

    @Override
    public byte[] footerBytes() {
        return EMPTY;
    }

    /** The charset lines are written in. */
    public java.nio.charset.Charset charset() {
        return StandardCharsets.UTF_8;
    }
}
