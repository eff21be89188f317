package dev.junction.routing.strategy;

import dev.junction.provider.ParamRules;
import dev.junction.routing.Capabilities;
import dev.junction.routing.Deployment;
import dev.junction.routing.Price;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.health.HealthView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

/** Deployments, contexts and counting for strategy tests. */
final class Picks {

    private Picks() {}

    static Deployment deployment(String id) {
        return deployment(id, 1);
    }

    static Deployment deployment(String id, int weight) {
        return new Deployment(id, "p", id, weight, Set.of(), Capabilities.UNKNOWN, OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), ParamRules.NONE, Optional.empty());
    }

    static Deployment tagged(String id, String... tags) {
        Deployment d = deployment(id);
        return new Deployment(id, d.provider(), d.model(), 1, Set.of(tags), d.capabilities(), d.rpm(), d.tpm(),
                d.price(), d.params(), d.timeouts());
    }

    static Deployment priced(String id, double inputPerMillion, double outputPerMillion) {
        Deployment d = deployment(id);
        return new Deployment(id, d.provider(), d.model(), 1, d.tags(), d.capabilities(), d.rpm(), d.tpm(),
                Optional.of(new Price(inputPerMillion, outputPerMillion)), d.params(), d.timeouts());
    }

    static Deployment capable(String id, Capabilities capabilities) {
        Deployment d = deployment(id);
        return new Deployment(id, d.provider(), d.model(), 1, d.tags(), capabilities, d.rpm(), d.tpm(), d.price(),
                d.params(), d.timeouts());
    }

    static PickContext context(HealthView health) {
        return new PickContext(RequestFacts.NONE, health, new SplittableRandom(42));
    }

    static PickContext context(RequestFacts facts) {
        return new PickContext(facts, HealthView.EMPTY, new SplittableRandom(42));
    }

    static List<String> ids(List<Deployment> order) {
        return order.stream().map(Deployment::id).toList();
    }

    /** How often each deployment came first over {@code picks} picks, by id in first-seen order. */
    static Map<String, Integer> firsts(Strategy strategy, List<Deployment> available, PickContext context,
                                       int picks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(strategy.order(available, context).getFirst().id(), 1, Integer::sum);
        }
        return counts;
    }
}
