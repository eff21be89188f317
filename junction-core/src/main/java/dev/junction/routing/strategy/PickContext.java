package dev.junction.routing.strategy;

import dev.junction.routing.RequestFacts;
import dev.junction.routing.health.HealthView;
import java.util.random.RandomGenerator;

/**
 * What a strategy may consult for one pick: the request's facts, the deployments' health, and a random source
 * (injected so that tests are deterministic).
 */
public record PickContext(RequestFacts facts, HealthView health, RandomGenerator random) {}
