package dev.junction.admin;

import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One admin endpoint: its method, its path in OpenAPI form ({@code /api/admin/tenants/{id}}) and its handler. The
 * OpenAPI form is what the document lists, so the test that compares the two needs no translation; {@link #regex()}
 * gives the Vert.x route. Immutable.
 *
 * @param method the HTTP method
 * @param path the path template; a parameter matches one path segment, or the rest of the path when
 *     {@code spansSlashes} (model names and deployment ids contain slashes)
 * @param spansSlashes whether the parameters may contain {@code /}
 * @param handler answers the request; runs on the event loop and must not block
 */
record AdminRoute(HttpMethod method, String path, boolean spansSlashes, Handler handler) {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    /** Answers an admin request: throws or fails the stage with {@link AdminError} for a refusal. */
    @FunctionalInterface
    interface Handler {
        /** Starts the work; the stage may complete on any thread. */
        CompletionStage<Reply> handle(Call call);
    }

    /** An endpoint whose parameters are single path segments. */
    static AdminRoute of(HttpMethod method, String path, Handler handler) {
        return new AdminRoute(method, path, false, handler);
    }

    /** An endpoint whose parameters may contain slashes, such as {@code /api/admin/prices/{model}}. */
    static AdminRoute spanningSlashes(HttpMethod method, String path, Handler handler) {
        return new AdminRoute(method, path, true, handler);
    }

    /** The template as a regular expression with one named group per parameter. */
    String regex() {
        Matcher m = PARAM.matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())))
                    .append("(?<").append(m.group(1)).append('>').append(spansSlashes ? ".+" : "[^/]+").append(')');
            last = m.end();
        }
        return regex.append(Pattern.quote(path.substring(last))).toString();
    }
}
