package dev.junction.image;

import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;

/** What an image upstream answered: the images at once, or OpenAI's event stream of partial images. */
public sealed interface ImageReply {

    /** The whole answer. */
    record Complete(ImageResponse response) implements ImageReply {
    }

    /**
     * A stream in OpenAI's image event format ({@code image_generation.partial_image}, {@code
     * image_generation.completed}, or the {@code image_edit.} ones), relayed as it arrives; its first event has
     * arrived. The reader owns it and must read it to its end or cancel it.
     */
    record Streamed(EventStream<SseEvent> events) implements ImageReply {
    }
}
