package dev.junction.cli;

import java.io.Serial;

/** A command that cannot do what was asked; its message is printed as it is (it never holds a secret). */
final class CliFailure extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message, null, false, false);
    }
}
