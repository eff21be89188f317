package dev.junction.stage.extension;

import dev.junction.extension.Hook;
import dev.junction.model.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one call of an extension's hook in isolation. A hook the manifest declares blocking runs on the worker pool
 * ({@link Context#executeBlocking}) with a timer on the request's context, and its result comes back on that context;
 * one that overruns is abandoned (its thread finishes on its own, its result ignored). Any other hook runs right here
 * on the event loop, and the time it took is checked afterwards: a hook over its timeout counts as failed and its
 * result is discarded (an event loop cannot be interrupted; the manifest's promise not to block is the extension's).
 * A failure (thrown, or over time) is reported to the extension and then follows its failure mode: fail-open gives
 * an empty result (the caller skips the hook), fail-closed a {@link GatewayException} with the 503.
 */
final class HookRunner {

    private HookRunner() {
    }

    /**
     * Calls {@code body} as {@code extension}'s {@code hook}, blocking or not as its manifest says. The future
     * completes on {@code context}: the result, empty when the hook failed open, or failed with a
     * {@link GatewayException} when it failed closed.
     */
    static <T> Future<Optional<T>> call(RunningExtension extension, Hook hook, String requestId, Context context,
                                        Supplier<T> body) {
        if (!extension.manifest().blocks(hook)) {
            try {
                return Future.succeededFuture(inline(extension, hook, requestId, body));
            } catch (GatewayException e) {
                return Future.failedFuture(e);
            }
        }
        Promise<Optional<T>> promise = Promise.promise();
        long timer = context.owner().setTimer(extension.manifest().timeout().toMillis(), id -> {
            if (!promise.future().isComplete()) {
                settle(promise, failure(extension, hook, requestId, true, Optional.empty()));
            }
        });
        context.<T>executeBlocking(body::get, false).onComplete(ar -> {
            context.owner().cancelTimer(timer);
            if (promise.future().isComplete()) {
                return; // timed out already
            }
            if (ar.succeeded()) {
                extension.health().succeeded();
                promise.complete(Optional.ofNullable(ar.result()));
            } else {
                settle(promise, failure(extension, hook, requestId, false, Optional.of(ar.cause())));
            }
        });
        return promise.future();
    }

    /**
     * Calls a hook that never blocks, here and now: its result, or empty when it failed open; throws a
     * {@link GatewayException} (the 503) when it failed closed.
     */
    static <T> Optional<T> inline(RunningExtension extension, Hook hook, String requestId, Supplier<T> body) {
        long started = System.nanoTime();
        T result;
        try {
            result = body.get();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return failure(extension, hook, requestId, false, Optional.of(e)).map(err -> {
                throw err;
            });
        }
        if (System.nanoTime() - started > extension.manifest().timeout().toNanos()) {
            return failure(extension, hook, requestId, true, Optional.empty()).map(err -> {
                throw err;
            });
        }
        extension.health().succeeded();
        return Optional.ofNullable(result);
    }

    /** Reports the failure; the exception to end the request with when the extension fails closed. */
    private static <T> Optional<GatewayException> failure(RunningExtension extension, Hook hook, String requestId,
                                                          boolean timedOut, Optional<Throwable> cause) {
        extension.failed(hook, requestId, timedOut, cause);
        return extension.failsClosed() && hook != Hook.FINISHED
                ? Optional.of(new GatewayException(extension.refusal())) : Optional.empty();
    }

    private static <T> void settle(Promise<Optional<T>> promise, Optional<GatewayException> closed) {
        if (closed.isPresent()) {
            promise.tryFail(closed.get());
        } else {
            promise.tryComplete(Optional.empty());
        }
    }
}
