package dev.junction.stage.extension;

import java.util.List;

/**
 * One running extension as the admin API reports it.
 *
 * @param source {@code classpath} or the jar's file name
 * @param hooks the hooks' labels
 * @param blocking the labels of the hooks that run on the worker pool
 * @param disabled whether it was disabled after repeated failures
 */
public record ExtensionStatus(String name, String version, String source, List<String> hooks, int order,
                              long timeoutMs, String failureMode, List<String> blocking, boolean disabled,
                              long calls, long failures, long timeouts, int consecutiveFailures) {
}
