package dev.junction.extension;

import java.util.Optional;

/** What the gateway does when a hook throws or overruns its timeout. */
public enum FailureMode {
    /** The hook is skipped: the request goes on as if it had passed; the failure is logged and counted. */
    FAIL_OPEN("fail-open"),
    /** The request is refused with a 503 in the caller's dialect (a finished hook's failure is only counted). */
    FAIL_CLOSED("fail-closed");

    private final String label;

    FailureMode(String label) {
        this.label = label;
    }

    /** The name in manifests and configuration. */
    public String label() {
        return label;
    }

    /** The mode of a label, if it names one. */
    public static Optional<FailureMode> ofLabel(String label) {
        for (FailureMode mode : values()) {
            if (mode.label.equals(label)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
