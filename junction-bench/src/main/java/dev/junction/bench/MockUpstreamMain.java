package dev.junction.bench;

import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * Runs a fast OpenAI-compatible mock upstream for the load benchmark: every chat completion gets the
 * same reply of {@code --words} words (streamed one word per event when the request streams) after
 * {@code --latency-ms}. Requests are counted, not recorded, so long runs keep constant memory.
 *
 * <pre>
 * java -jar junction-bench.jar [--port 9001] [--latency-ms 0] [--words 20] [--event-delay-ms 0] [--instances &lt;cores&gt;]
 * </pre>
 *
 * <p>Prints {@code mock upstream listening on 127.0.0.1:<port>} once every instance listens, then runs
 * until the process is stopped.
 */
public final class MockUpstreamMain {

    private static final String USAGE =
            "usage: MockUpstreamMain [--port 9001] [--latency-ms 0] [--words 20] [--event-delay-ms 0] [--instances <cores>]";
    private static final String[] VOCABULARY =
            {"The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "again."};

    private MockUpstreamMain() {}

    /**
     * Starts the mock and returns; the Vert.x threads keep the process alive.
     *
     * @param args {@code --port N}, {@code --latency-ms N}, {@code --words N}, {@code --event-delay-ms N} (between
     *     streamed events: slow streams), {@code --instances N}
     */
    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        int eventLoops = Math.max(settings.instances(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        MockUpstream mock = MockUpstream.start(vertx, MockUpstream.Options.defaults()
                .withPort(settings.port())
                .withInstances(settings.instances())
                .withoutRecording());
        Behavior behavior = Behavior.reply(reply(settings.words())).withLatency(Duration.ofMillis(settings.latencyMs()));
        if (settings.eventDelayMs() > 0) {
            behavior = behavior.withInterEventDelay(Duration.ofMillis(settings.eventDelayMs()));
        }
        mock.setDefault(behavior);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.close();
            vertx.close().await();
        }, "mock-upstream-shutdown"));
        System.out.println("mock upstream listening on 127.0.0.1:" + mock.port());
    }

    /** A deterministic reply of exactly {@code words} words. */
    static String reply(int words) {
        StringJoiner text = new StringJoiner(" ");
        for (int i = 0; i < words; i++) {
            text.add(VOCABULARY[i % VOCABULARY.length]);
        }
        return text.toString();
    }

    /**
     * The command line.
     *
     * @param port the port to listen on
     * @param latencyMs the delay before every response
     * @param words the reply length in words
     * @param instances the number of server instances (event loops) sharing the port
     * @param eventDelayMs the pause between streamed events
     */
    record Settings(int port, int latencyMs, int words, int instances, int eventDelayMs) {

        static Settings parse(String[] args) {
            int port = 9001;
            int latencyMs = 0;
            int words = 20;
            int instances = Runtime.getRuntime().availableProcessors();
            int eventDelayMs = 0;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + args[i]);
                }
                int value = parseCount(args[i], args[i + 1]);
                switch (args[i]) {
                    case "--port" -> port = value;
                    case "--latency-ms" -> latencyMs = value;
                    case "--words" -> words = value;
                    case "--instances" -> instances = Math.max(1, value);
                    case "--event-delay-ms" -> eventDelayMs = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Settings(port, latencyMs, words, instances, eventDelayMs);
        }

        private static int parseCount(String option, String value) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < 0) {
                    throw new IllegalArgumentException(option + " must not be negative: " + value);
                }
                return parsed;
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(option + " needs a number, got " + value, notANumber);
            }
        }
    }
}
