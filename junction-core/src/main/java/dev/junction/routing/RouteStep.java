package dev.junction.routing;

import dev.junction.provider.ParamRules;

/** One place a route can send a request: a provider, the model name it knows, and per-step parameter rules. */
public record RouteStep(String provider, String model, ParamRules params) {

    /** {@code provider/model}, for logs and headers. */
    public String label() {
        return provider + "/" + model;
    }
}
