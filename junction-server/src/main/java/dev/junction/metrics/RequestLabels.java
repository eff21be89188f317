package dev.junction.metrics;

import dev.junction.events.RequestFinished;
import dev.junction.model.GatewayError;
import dev.junction.observe.LoggedRequest;
import dev.junction.routing.AttemptRecord;

/**
 * The label values a finished request is counted under, each bounded: configured names pass, anything a client
 * could choose is capped ({@link BoundedLabel}). Thread safe.
 */
final class RequestLabels {

    /** The value of a label that does not apply (no provider was reached, no model was named). */
    static final String NONE = "none";
    /** The route of a request whose model did not resolve. */
    static final String UNKNOWN = "unknown";

    private static final int MAX_ROUTES = 200;
    private static final int MAX_MODELS = 200;
    private static final int MAX_ENDPOINTS = 50;
    private static final int MAX_PROVIDERS = 100;
    private static final int MAX_DEPLOYMENTS = 500;
    private static final int MAX_KEYS = 1000;

    private final BoundedLabel routes = new BoundedLabel(MAX_ROUTES);
    private final BoundedLabel models = new BoundedLabel(MAX_MODELS);
    private final BoundedLabel endpoints = new BoundedLabel(MAX_ENDPOINTS);
    private final BoundedLabel providers = new BoundedLabel(MAX_PROVIDERS);
    private final BoundedLabel deployments = new BoundedLabel(MAX_DEPLOYMENTS);
    private final BoundedLabel keys = new BoundedLabel(MAX_KEYS);

    /** The public model the client asked for when it resolved to a route, {@code unknown} when not. */
    String route(RequestFinished event) {
        LoggedRequest r = event.request();
        if (r.publicModel().isEmpty()) {
            return NONE;
        }
        boolean unresolved = r.deployment().isEmpty() && event.failure()
                .map(e -> e instanceof GatewayError.ModelNotFound).orElse(false);
        return unresolved ? UNKNOWN : routes.of(r.publicModel());
    }

    /** The model the upstream knows (the response model), {@code none} when no upstream was reached. */
    String upstreamModel(RequestFinished event) {
        String model = event.request().upstreamModel();
        return model == null || model.isEmpty() ? NONE : models.of(model);
    }

    String provider(String provider) {
        return provider == null || provider.isEmpty() ? NONE : providers.of(provider);
    }

    String deployment(String deployment) {
        return deployment.isEmpty() ? NONE : deployments.of(deployment);
    }

    String keyName(RequestFinished event) {
        return event.authenticated() ? keys.of(event.request().caller().keyName()) : "anonymous";
    }

    /** The path, with a Gemini model in it replaced by {@code {model}}. */
    String endpoint(RequestFinished event) {
        String path = event.request().endpoint();
        if (path == null || path.isEmpty()) {
            return NONE;
        }
        int models = path.indexOf("/models/");
        if (models >= 0) {
            int colon = path.indexOf(':', models);
            path = path.substring(0, models) + "/models/{model}" + (colon < 0 ? "" : path.substring(colon));
        }
        return endpoints.of(path);
    }

    /** {@code 2xx}, {@code 4xx}, … of the status the client got. */
    static String statusClass(int status) {
        return status < 100 || status > 599 ? "other" : (status / 100) + "xx";
    }

    /** The error's class ({@code rate_limited}, {@code timeout}, …), from a bounded set. */
    static String errorType(RequestFinished event) {
        return event.failure().map(AttemptRecord::reason).orElse(event.clientGone() ? "client_gone" : NONE);
    }
}
