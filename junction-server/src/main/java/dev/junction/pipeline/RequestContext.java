package dev.junction.pipeline;

import dev.junction.observe.RequestRecord;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a sane token, else a new one), echoes it
 * in the response, and attaches the {@link RequestRecord} that later handlers fill in.
 */
public final class RequestContext {

    private static final String KEY = "junction.record";
    private static final String PIPED = "junction.piped";
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

    /** Marks the request as run by a {@link Pipeline}, whose first stage logs it. */
    static void markPiped(RoutingContext ctx) {
        ctx.put(PIPED, Boolean.TRUE);
    }

    /** Whether a {@link Pipeline} ran the request (and so logs it); requests answered before one did are not. */
    public static boolean piped(RoutingContext ctx) {
        return ctx.get(PIPED) != null;
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
