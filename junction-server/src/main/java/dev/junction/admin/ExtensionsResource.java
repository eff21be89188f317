package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.json.Json;
import dev.junction.stage.extension.ExtensionHost;
import dev.junction.stage.extension.ExtensionStatus;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/extensions}: the running plugins (manifest with the operator's overrides, where each came from,
 * calls, failures, timeouts, whether disabled) and what the last load could not do; {@code POST
 * /api/admin/extensions/{name}/enable} re-enables a plugin disabled after repeated failures; {@code POST
 * /api/admin/extensions/reload} loads them again (the directory rescanned, new class loaders) on a worker thread.
 */
final class ExtensionsResource {

    private final Optional<ExtensionHost> host;

    ExtensionsResource(Optional<ExtensionHost> host) {
        this.host = host;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(GET, "/api/admin/extensions", this::list),
                AdminRoute.of(POST, "/api/admin/extensions/reload", this::reload),
                AdminRoute.of(POST, "/api/admin/extensions/{name}/enable", this::enable));
    }

    private ExtensionHost host() {
        return host.orElseThrow(() -> AdminError.notFound("extensions", "on this gateway"));
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        return CompletableFuture.completedFuture(Reply.ok(render(host())));
    }

    private CompletionStage<Reply> enable(Call call) {
        String name = call.param("name");
        if (!host().enable(name)) {
            return CompletableFuture.failedFuture(AdminError.notFound("extension", name));
        }
        return CompletableFuture.completedFuture(Reply.ok(render(host())));
    }

    private CompletionStage<Reply> reload(Call call) {
        ExtensionHost h = host();
        return Vertx.currentContext().executeBlocking(() -> {
            h.reload();
            return Reply.ok(render(h));
        }, false).toCompletionStage();
    }

    private static ObjectNode render(ExtensionHost host) {
        ObjectNode body = Json.object().put("directory", host.directory().toString());
        ArrayNode list = body.putArray("extensions");
        for (ExtensionStatus s : host.status()) {
            ObjectNode e = list.addObject().put("name", s.name()).put("version", s.version())
                    .put("source", s.source()).put("order", s.order()).put("timeout_ms", s.timeoutMs())
                    .put("failure_mode", s.failureMode()).put("state", s.disabled() ? "disabled" : "active")
                    .put("calls", s.calls()).put("failures", s.failures()).put("timeouts", s.timeouts())
                    .put("consecutive_failures", s.consecutiveFailures());
            s.hooks().forEach(e.putArray("hooks")::add);
            s.blocking().forEach(e.putArray("blocking")::add);
        }
        host.problems().forEach(body.putArray("problems")::add);
        return body;
    }
}
