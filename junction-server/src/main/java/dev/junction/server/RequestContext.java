package dev.junction.server;

import dev.junction.governance.Admission;
import dev.junction.governance.Caller;
import dev.junction.observe.RequestRecord;
import java.util.Optional;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a sane token, else a new one), echoes it
 * in the response, and attaches the {@link RequestRecord} that later handlers fill in.
 */
public final class RequestContext {

    private static final String KEY = "junction.record";
    private static final String CALLER = "junction.caller";
    private static final String ADMISSION = "junction.admission";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestContext() {}

    /** The first handler of every route. */
    public static void attach(RoutingContext ctx) {
        String offered = ctx.request().getHeader("x-request-id");
        String id = offered != null && CLIENT_ID.matcher(offered).matches() ? offered : newId();
        ctx.put(KEY, new RequestRecord(id).endpoint(ctx.request().path()));
        ctx.response().putHeader("x-request-id", id);
        ctx.next();
    }

    /** The record attached to this request. */
    public static RequestRecord record(RoutingContext ctx) {
        RequestRecord record = ctx.get(KEY);
        if (record == null) {
            throw new IllegalStateException("RequestContext.attach did not run for " + ctx.request().path());
        }
        return record;
    }

    /** Remembers who the authenticated caller is. */
    public static void caller(RoutingContext ctx, Caller caller) {
        ctx.put(CALLER, caller);
        record(ctx).caller(caller.attribution());
    }

    /** The authenticated caller, when authentication ran and succeeded. */
    public static Optional<Caller> caller(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(CALLER));
    }

    /** Remembers the governor's admission, to be finished when the request ends. */
    public static void admission(RoutingContext ctx, Admission admission) {
        ctx.put(ADMISSION, admission);
    }

    /** The request's admission, once the governor let it in. */
    public static Optional<Admission> admission(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(ADMISSION));
    }

    /** {@code req_} and 24 random hex digits. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[28];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        for (int i = 4; i < out.length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }
}
