package dev.junction.extension;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The hooks one started extension provides; each is optional, so an extension implements only what it needs. Build
 * with {@link #builder()}. Immutable.
 */
public record ExtensionHooks(Optional<RequestHook> request, Optional<RoutingHook> routing,
                             Optional<ResponseHook> response, Optional<StreamHook> stream,
                             Optional<FinishedHook> finished) {

    /** The hooks present, as the manifest names them. */
    public Set<Hook> present() {
        Set<Hook> hooks = EnumSet.noneOf(Hook.class);
        request.ifPresent(h -> hooks.add(Hook.REQUEST));
        routing.ifPresent(h -> hooks.add(Hook.ROUTING));
        response.ifPresent(h -> hooks.add(Hook.RESPONSE));
        stream.ifPresent(h -> hooks.add(Hook.STREAM_EVENT));
        finished.ifPresent(h -> hooks.add(Hook.FINISHED));
        return hooks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the hooks; not thread safe. */
    public static final class Builder {
        private RequestHook request;
        private RoutingHook routing;
        private ResponseHook response;
        private StreamHook stream;
        private FinishedHook finished;

        private Builder() {
        }

        public Builder onRequest(RequestHook hook) {
            this.request = hook;
            return this;
        }

        public Builder onRouting(RoutingHook hook) {
            this.routing = hook;
            return this;
        }

        public Builder onResponse(ResponseHook hook) {
            this.response = hook;
            return this;
        }

        public Builder onStreamEvent(StreamHook hook) {
            this.stream = hook;
            return this;
        }

        public Builder onFinished(FinishedHook hook) {
            this.finished = hook;
            return this;
        }

        public ExtensionHooks build() {
            return new ExtensionHooks(Optional.ofNullable(request), Optional.ofNullable(routing),
                    Optional.ofNullable(response), Optional.ofNullable(stream), Optional.ofNullable(finished));
        }
    }
}
