package dev.junction.stage.extension;

import dev.junction.extension.Candidate;
import dev.junction.extension.Hook;
import dev.junction.extension.RequestInfo;
import dev.junction.routing.Deployment;
import dev.junction.routing.DeploymentOrder;
import dev.junction.routing.Route;
import dev.junction.routing.RouteGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extensions' routing hooks as a request's {@link DeploymentOrder}: each active one, in order, sees the previous
 * one's candidates; candidates a hook adds are ignored. A failing hook is skipped (fail-open) or ends the request with
 * the 503 (fail-closed, the {@link dev.junction.model.GatewayException} the executor answers with). One per request,
 * on its event loop.
 */
final class ExtensionRouting implements DeploymentOrder {

    private final List<RunningExtension> hooks;
    private final RequestInfo info;

    ExtensionRouting(List<RunningExtension> hooks, RequestInfo info) {
        this.hooks = hooks;
        this.info = info;
    }

    @Override
    public List<Deployment> order(Route route, RouteGroup group, List<Deployment> ordered) {
        List<Deployment> current = ordered;
        for (RunningExtension extension : hooks) {
            if (!extension.active() || current.isEmpty()) {
                continue;
            }
            Map<String, Deployment> byId = new LinkedHashMap<>();
            List<Candidate> candidates = new ArrayList<>(current.size());
            for (Deployment d : current) {
                byId.put(d.id(), d);
                candidates.add(new Candidate(d.id(), d.provider(), d.model(), d.tags()));
            }
            List<Candidate> given = List.copyOf(candidates);
            Optional<List<Candidate>> chosen = HookRunner.inline(extension, Hook.ROUTING, info.requestId(),
                    () -> extension.hooks().routing().orElseThrow().onRouting(info, group.name(), given));
            if (chosen.isPresent()) {
                current = chosen.get().stream().map(c -> byId.get(c.id())).filter(d -> d != null).distinct()
                        .toList();
            }
        }
        return current;
    }
}
