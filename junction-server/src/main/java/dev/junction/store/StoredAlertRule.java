package dev.junction.store;

/**
 * An alert rule added through the admin API, as the store keeps it.
 *
 * @param name the rule's name, unique among stored rules
 * @param definition the rule's JSON object, with the keys of a rule in the file's {@code alerts.rules} but its name
 */
public record StoredAlertRule(String name, String definition) {}
