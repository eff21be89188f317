package dev.junction.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A load of chat completions through a load balancer, streaming and not in turn, from a few client threads, each
 * call recorded with its outcome and timing. A plain HTTP client, not an SDK, so that no retry hides a failure: an
 * answer counts as received only when it is whole (a complete JSON body, or a stream up to its {@code [DONE]}).
 * Test helper.
 */
final class MixedLoad {

    /** One call: what the client saw, and when (System.nanoTime). */
    record Call(boolean stream, int status, boolean whole, Optional<String> requestId, Optional<String> failure,
                long startedNanos, long endedNanos) {

        boolean received() {
            return status == 200 && whole;
        }

        boolean clientError() {
            return failure.isPresent() || (status != 200 && status != 429);
        }
    }

    private final URI uri;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    MixedLoad(int port, String key) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
        this.key = key;
    }

    /** Starts {@code clients} threads calling in a loop until {@link #stop}. */
    MixedLoad start(int clients) {
        for (int i = 0; i < clients; i++) {
            boolean streamFirst = i % 2 == 0;
            threads.add(Thread.ofPlatform().name("load-" + i).start(() -> loop(streamFirst)));
        }
        return this;
    }

    /** Stops calling and waits for the calls in flight. */
    List<Call> stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        return List.copyOf(calls);
    }

    private void loop(boolean stream) {
        while (running.get()) {
            calls.add(call(stream));
            stream = !stream;
        }
    }

    private Call call(boolean stream) {
        String body = """
                {"model":"metered","max_tokens":50,"stream":%s,%s
                 "messages":[{"role":"user","content":"count to three"}]}"""
                .formatted(stream, stream ? "\"stream_options\":{\"include_usage\":true}," : "");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean whole = stream ? text.contains("data: [DONE]") : text.contains("\"choices\"");
            return new Call(stream, response.statusCode(), whole, response.headers().firstValue("x-request-id"),
                    Optional.empty(), started, System.nanoTime());
        } catch (IOException e) {
            return new Call(stream, -1, false, Optional.empty(), Optional.of(e.toString()), started,
                    System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(stream, -1, false, Optional.empty(), Optional.of("interrupted"), started,
                    System.nanoTime());
        }
    }
}
