package dev.junction.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A mock of the chat robots' and webhook receivers' endpoints: records every POST by path and answers as the real
 * one would ({@code {"code":0}} for Feishu, {@code {"errcode":0}} for WeCom and DingTalk, {@code ok} for Slack), or
 * with 500 on the paths told to fail. Test helper; close it after use.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request received. */
    record Received(String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                receiver.received.add(new Received(path, exchange.getRequestURI().getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                int status = receiver.statusByPath.getOrDefault(path, 200);
                String answer = status != 200 ? "{\"error\":\"down\"}"
                        : path.contains("feishu") ? "{\"code\":0,\"msg\":\"success\"}"
                        : path.contains("slack") ? "ok" : "{\"errcode\":0,\"errmsg\":\"ok\"}";
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code status} on {@code path} from now on. */
    void fail(String path, int status) {
        statusByPath.put(path, status);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits up to ten seconds until {@code path} received {@code count} requests matching {@code which}. */
    List<Received> await(String path, int count, Predicate<Received> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> matching = on(path).stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(path + " did not receive " + count + " matching requests; it received "
                + on(path));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
