package dev.junction.alert.channel;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP POST a channel wants sent. Holds the channel's credentials (in the address or a signature): never log it.
 *
 * @param uri where to
 * @param headers extra headers ({@code content-type} is always JSON)
 * @param body the JSON body
 */
public record Outgoing(URI uri, Map<String, String> headers, byte[] body) {

    /** Copies the headers. */
    public Outgoing {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "Outgoing[" + body.length + " bytes]";
    }
}
