package dev.junction.config;

import dev.junction.secret.Secret;

/** A key that clients present to use the gateway. {@code name} identifies it in logs; the key never appears. */
public record GatewayKey(String name, Secret key) {}
