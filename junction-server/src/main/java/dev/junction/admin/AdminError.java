package dev.junction.admin;

import java.io.Serial;

/**
 * A request the admin API refuses: a bad field (400), something that does not exist (404) or a change that breaks the
 * store's rules (409). The message goes to the caller as it is, so it names the field or thing and never holds a
 * secret. The CLI prints it the same way.
 */
public final class AdminError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What kind of refusal, with its HTTP status and error type. */
    public enum Kind {
        /** A missing, unknown or malformed field or parameter. */
        INVALID(400, "invalid_request"),
        /** The caller may not do this part of the request (a field it lacks the permission for). */
        FORBIDDEN(403, "forbidden"),
        /** The addressed thing does not exist. */
        NOT_FOUND(404, "not_found"),
        /** The change would break a rule of the store (a duplicate name, children left behind). */
        CONFLICT(409, "conflict");

        private final int status;
        private final String type;

        Kind(int status, String type) {
            this.status = status;
            this.type = type;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** The {@code error.type} of the reply. */
        public String type() {
            return type;
        }
    }

    private final Kind kind;

    private AdminError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** A 400 about a field or parameter; the message names it. */
    public static AdminError invalid(String message) {
        return new AdminError(Kind.INVALID, message);
    }

    /** A 403 for a part of a request the caller lacks a permission for; the message names it. */
    public static AdminError forbidden(String message) {
        return new AdminError(Kind.FORBIDDEN, message);
    }

    /** A 404 for the {@code what} (such as {@code tenant}) with this id. */
    public static AdminError notFound(String what, String id) {
        return new AdminError(Kind.NOT_FOUND, "There is no " + what + " '" + id + "'.");
    }

    /** A 409 with the store's words. */
    public static AdminError conflict(String message) {
        return new AdminError(Kind.CONFLICT, message);
    }

    /** What kind of refusal this is. */
    public Kind kind() {
        return kind;
    }
}
