package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.provider.ProviderCatalog;
import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Plugins from jars in the extensions directory, each in its own class loader: a jar replaced in the directory is
 * picked up without a restart (the old version closed once its requests are over), and a configuration reload that
 * disables the plugin takes the extension stage out of the chain.
 */
class ExtensionReloadTest {

    private static final String CHAT = "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    @TempDir
    Path plugins;
    @TempDir
    Path markers;
    private MockUpstream upstream;
    private Gateway gateway;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    /** A plugin that appends its version to every user message and leaves a marker when closed. */
    private static String tagger(String version) {
        return """
                package jarplug;

                import dev.junction.extension.*;
                import dev.junction.model.*;
                import java.nio.file.*;
                import java.util.Set;
                import tools.jackson.databind.node.ObjectNode;

                public final class Tagger implements JunctionExtension {
                    private Path markers;

                    public ExtensionManifest manifest() {
                        return ExtensionManifest.of("tagger", "%1$s", Set.of(Hook.REQUEST));
                    }

                    public ExtensionHooks start(ObjectNode settings) {
                        markers = Path.of(settings.get("markers").asString());
                        return ExtensionHooks.builder().onRequest((info, request) -> RequestDecision.rewrite(
                                request.withMessages(request.messages().stream().map(m -> m.role() == Role.USER
                                        ? Message.text(Role.USER, m.joinedText() + " %1$s") : m).toList())))
                                .build();
                    }

                    public void close() {
                        try {
                            Files.writeString(markers.resolve("closed-%1$s"), "closed");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """.formatted(version);
    }

    private String yaml(boolean enabled) {
        return """
                routes:
                  plain: {steps: [{provider: openai, model: gpt-4o}]}
                extensions:
                  directory: %s
                  plugins:
                    tagger: {enabled: %s, settings: {markers: "%s"}}
                """.formatted(plugins, enabled, markers);
    }

    private String upstreamPrompt() {
        JsonNode messages = upstream.lastRequest().orElseThrow().json().get("messages");
        return messages.get(messages.size() - 1).get("content").asString();
    }

    private void startGateway() {
        PluginJar.build(plugins.resolve("tagger.jar"), "jarplug.Tagger", Map.of("jarplug.Tagger", tagger("v1")));
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(), yaml(true));
    }

    @Test
    void aPluginJarInTheDirectoryRewritesRequests() {
        startGateway();

        assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(upstreamPrompt()).isEqualTo("hello v1");
    }

    @Test
    void aReplacedJarIsPickedUpWithoutARestartAndTheOldVersionIsClosed() {
        startGateway();
        gateway.post("/v1/chat/completions", CHAT);
        PluginJar.build(plugins.resolve("tagger.jar"), "jarplug.Tagger", Map.of("jarplug.Tagger", tagger("v2")));

        awaitTrue(() -> {
            gateway.post("/v1/chat/completions", CHAT);
            return upstreamPrompt().equals("hello v2");
        }, "the directory rescan to load v2");
        awaitTrue(() -> Files.exists(markers.resolve("closed-v1")), "v1 to be closed");
        assertThat(markers.resolve("closed-v2")).doesNotExist();
    }

    @Test
    void aConfigurationReloadThatDisablesThePluginTakesTheStageOutOfTheChain() throws IOException {
        startGateway();
        var names = gateway.server().routedStages().stream().map(s -> s.getClass().getSimpleName()).toList();
        assertThat(names).contains("ExtensionStage");

        gateway.server().reload(new ConfigLoader(ProviderCatalog.bundled(), Map.of("OPENAI_BASE_URL",
                upstream.baseUrl(), "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456",
                "JUNCTION_SECRET_KEY", Gateway.SECRET_KEY))
                .loadYaml("keys: [{name: tests, key: " + Gateway.KEY + "}]\n" + yaml(false), "test.yaml"));

        assertThat(gateway.server().routedStages().stream().map(s -> s.getClass().getSimpleName()))
                .doesNotContain("ExtensionStage");
        gateway.post("/v1/chat/completions", CHAT);
        assertThat(upstreamPrompt()).isEqualTo("hello");
        awaitTrue(() -> Files.exists(markers.resolve("closed-v1")), "v1 to be closed");
    }

    @Test
    void aGatewayWithoutExtensionsHasNoExtensionStage() {
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(),
                "routes:\n  plain: {steps: [{provider: openai, model: gpt-4o}]}\n");

        assertThat(gateway.server().extensions().any()).isFalse();
        assertThat(gateway.server().routedStages().stream().map(s -> s.getClass().getSimpleName()))
                .doesNotContain("ExtensionStage");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
