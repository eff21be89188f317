package dev.junction.extension;

/**
 * Told of every request that reached the extensions once it is over (answered, failed, client gone), for custom
 * logging, auditing or billing. Runs after every stage finished (costs are priced); on the request's event loop
 * unless declared blocking, then on a worker thread. Its failures are counted, never felt by the request.
 */
@FunctionalInterface
public interface FinishedHook {

    void onFinished(RequestSummary summary);
}
