package dev.junction.alert.channel;

import dev.junction.secret.Secret;
import java.net.URI;

/** A webhook address, which carries the bot's token: revealed only to build a request, masked everywhere else. */
record Address(Secret url) {

    URI uri() {
        return URI.create(url.reveal());
    }

    /** The address with a query parameter string appended ({@code a=1&b=2}). */
    URI withQuery(String query) {
        String u = url.reveal();
        return URI.create(u + (u.contains("?") ? "&" : "?") + query);
    }

    /** {@code https://host/…}: enough to tell channels apart, nothing of the token. */
    String masked() {
        try {
            URI u = uri();
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/…";
        } catch (IllegalArgumentException e) {
            return "…";
        }
    }

    @Override
    public String toString() {
        return masked();
    }
}
