package dev.junction.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OTLP/HTTP collector for the load benchmark: takes every export (traces, logs), answers 200 with an empty
 * protobuf body, and counts the requests and bytes it got, so that Junction's tracing is measured with a receiver
 * that keeps up (as a collector on the same host would). Prints its counts every 10 s.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.OtlpSinkMain [--port 4318]
 * </pre>
 */
public final class OtlpSinkMain {

    private OtlpSinkMain() {}

    public static void main(String[] args) {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 4318;
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(request -> request.body().onComplete(body -> {
                    exports.incrementAndGet();
                    if (body.succeeded()) {
                        bytes.addAndGet(body.result().length());
                    }
                    request.response().putHeader("content-type", "application/x-protobuf").end();
                }))
                .listen()
                .onSuccess(s -> System.out.println("otlp sink listening on 127.0.0.1:" + s.actualPort()))
                .onFailure(e -> {
                    System.err.println("otlp sink: " + e.getMessage());
                    System.exit(1);
                });
        vertx.setPeriodic(10_000, id -> System.out.println("otlp sink: " + exports.get() + " exports, "
                + bytes.get() + " bytes"));
    }
}
