package dev.junction.config;

/**
 * The settings of usage rollups and retention (`analytics:`). Immutable. (Placeholder: the fields arrive with the feature.)
 */
public record AnalyticsSettings() {

    /** The settings when the configuration says nothing. */
    public static final AnalyticsSettings DEFAULT = new AnalyticsSettings();
}
