package dev.junction.config;

/**
 * The settings of the Prometheus endpoint (`metrics:`). Immutable. (Placeholder: the fields arrive with the feature.)
 */
public record MetricsSettings() {

    /** The settings when the configuration says nothing. */
    public static final MetricsSettings DEFAULT = new MetricsSettings();
}
