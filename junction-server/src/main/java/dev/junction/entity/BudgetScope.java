package dev.junction.entity;

import java.util.Locale;

/** What a budget caps: the spend of one key, user, team or tenant. */
public enum BudgetScope {
    /** One virtual key. */
    KEY,
    /** Every key of one user. */
    USER,
    /** Every user of one team. */
    TEAM,
    /** Everything in one tenant. */
    TENANT;

    /** The name used in JSON, YAML and the database: {@code key}, {@code user}, {@code team}, {@code tenant}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope with this wire name. */
    public static BudgetScope ofWireName(String name) {
        for (BudgetScope s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown budget scope '" + name + "'; expected key, user, team or tenant");
    }
}
