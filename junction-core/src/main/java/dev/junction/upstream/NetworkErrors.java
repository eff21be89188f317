package dev.junction.upstream;

import dev.junction.model.GatewayError;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network failures of one exchange with an upstream, as gateway errors for the client: they name the provider
 * and say what went wrong in a few words, never the upstream's host, address or port, which tell a client about the
 * gateway's network and are none of its business. The full cause, with the upstream's {@code host:port}, is logged
 * (at WARN) instead. Stateless apart from the exchange it describes; safe on any thread.
 */
final class NetworkErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpUpstreamClient.class);

    private final String provider;
    private final String url;

    /** The errors of an exchange with {@code provider} at {@code url} (only its host and port are ever logged). */
    NetworkErrors(String provider, String url) {
        this.provider = provider;
        this.url = url;
    }

    /** The provider's name, which client-facing messages use. */
    String provider() {
        return provider;
    }

    /** Why connecting, sending or reading a complete reply failed. */
    GatewayError ofExchange(Throwable cause, Duration connectTimeout) {
        GatewayError error;
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            error = new GatewayError.Unavailable("Could not connect to the upstream provider '" + provider + "': "
                    + reason(cause) + ".", Optional.empty());
        } else if (cause instanceof io.netty.handler.timeout.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            error = new GatewayError.Timeout("The upstream provider '" + provider + "' timed out after "
                    + connectTimeout.toMillis() + " ms while connecting.");
        } else {
            error = new GatewayError.BadGateway("The connection to the upstream provider '" + provider + "' failed: "
                    + reason(cause) + ".", true);
        }
        log(error, cause);
        return error;
    }

    /** Why a started event stream broke. */
    GatewayError ofStream(Throwable cause) {
        GatewayError error = new GatewayError.BadGateway("The stream from the upstream provider '" + provider
                + "' broke: " + reason(cause) + ".", true);
        log(error, cause);
        return error;
    }

    /** What went wrong in words that name no host, address or port, whatever the cause's own message says. */
    static String reason(Throwable cause) {
        return switch (cause) {
            case UnknownHostException e -> "its host name did not resolve";
            case ConnectTimeoutException e -> "connecting timed out";
            case ConnectException e when e.getMessage() != null && e.getMessage().startsWith("Connection refused") ->
                    "the connection was refused";
            case ConnectException e -> "no connection could be made";
            case NoRouteToHostException e -> "there is no route to its host";
            case SSLException e -> "TLS failed";
            case HttpClosedException e -> "the connection was closed";
            default -> "a network error (" + cause.getClass().getSimpleName() + ")";
        };
    }

    private void log(GatewayError error, Throwable cause) {
        LOG.atWarn().addKeyValue("provider", provider).addKeyValue("upstream", hostAndPort())
                .addKeyValue("error", cause.toString()).log(error.message());
    }

    /** The upstream's {@code host:port}, without the path or query (which may hold a key). */
    private String hostAndPort() {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }
}
