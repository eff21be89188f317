package dev.junction.config;

/**
 * The settings of alert channels and rules (`alerts:`). Immutable. (Placeholder: the fields arrive with the feature.)
 */
public record AlertSettings() {

    /** The settings when the configuration says nothing. */
    public static final AlertSettings DEFAULT = new AlertSettings();
}
