package dev.junction.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Dialect;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {

    private static final ProviderCatalog CATALOG = ProviderCatalog.bundled();

    @Test
    void bundledCatalogHasEveryOpenAiCompatiblePreset() {
        assertThat(CATALOG.all()).extracting(ProviderPreset::id).contains("openai", "groq", "deepseek", "mistral",
                "together", "fireworks", "xai", "openrouter", "cerebras", "perplexity", "sambanova", "ollama",
                "vllm", "lmstudio", "llamacpp");
    }

    @Test
    void everyPresetHasAnAbsoluteHttpBaseUrlWithoutATrailingSlash() {
        assertThat(CATALOG.all()).allSatisfy(preset -> {
            // a platform preset's URL names what its block fills in: {resource}, {region}, {location}
            URI uri = URI.create(preset.baseUrl().replaceAll("\\{[a-z]+}", "x"));
            assertThat(uri.getScheme()).as(preset.id()).isIn("http", "https");
            assertThat(uri.getHost()).as(preset.id()).isNotBlank();
            assertThat(preset.baseUrl()).as(preset.id()).doesNotEndWith("/");
        });
    }

    @Test
    void hostedPresetsUseHttpsAndNeedAKey() {
        assertThat(CATALOG.all()).filteredOn(ProviderPreset::keyRequired).allSatisfy(preset ->
                assertThat(preset.baseUrl()).as(preset.id()).startsWith("https://"));
    }

    @Test
    void localServersNeedNoKey() {
        for (String id : new String[] {"ollama", "vllm", "lmstudio", "llamacpp"}) {
            assertThat(CATALOG.find(id)).hasValueSatisfying(p -> assertThat(p.keyRequired()).as(id).isFalse());
        }
    }

    @Test
    void presetsCarryTheirParameterQuirks() {
        ProviderPreset deepseek = CATALOG.find("deepseek").orElseThrow();

        assertThat(deepseek.params().rename()).containsEntry("max_completion_tokens", "max_tokens");
        assertThat(deepseek.params().drop()).contains("logit_bias");
        assertThat(CATALOG.find("openai").orElseThrow().params().isEmpty()).isTrue();
    }

    @Test
    void presetsSpeakTheirDialectWithTheirAuthStyle() {
        assertThat(CATALOG.all()).filteredOn(p -> !p.onPlatform() && !java.util.Set.of("anthropic", "gemini", "cohere",
                        "ollama-native", "elevenlabs", "deepgram").contains(p.id()))
                .allSatisfy(p -> assertThat(p.dialect()).isEqualTo(Dialect.OPENAI_CHAT));
        assertThat(CATALOG.find("anthropic").orElseThrow().dialect()).isEqualTo(Dialect.ANTHROPIC);
        assertThat(CATALOG.find("anthropic").orElseThrow().auth()).isEqualTo(new AuthStyle.Header("x-api-key"));
        assertThat(CATALOG.find("gemini").orElseThrow().dialect()).isEqualTo(Dialect.GEMINI);
        assertThat(CATALOG.find("gemini").orElseThrow().auth()).isEqualTo(new AuthStyle.Header("x-goog-api-key"));
        assertThat(CATALOG.find("gemini").orElseThrow().envAliases()).containsExactly("GOOGLE");
        assertThat(CATALOG.find("openai").orElseThrow().auth()).isEqualTo(new AuthStyle.Bearer());
        assertThat(CATALOG.find("ollama").orElseThrow().auth()).isEqualTo(new AuthStyle.None());
    }

    @Test
    void theCloudPresetsCarryTheirPlatformAndClaimNoUnprefixedNames() {
        assertThat(CATALOG.all()).filteredOn(ProviderPreset::onPlatform).extracting(ProviderPreset::id)
                .containsExactly("azure-openai", "bedrock", "bedrock-claude", "vertex-gemini", "vertex-claude");
        assertThat(CATALOG.find("bedrock").orElseThrow().dialect()).isEqualTo(Dialect.BEDROCK_CONVERSE);
        assertThat(CATALOG.find("vertex-gemini").orElseThrow().platform()).containsEntry("type", "vertex")
                .containsEntry("location", "global");
        assertThat(CATALOG.all()).filteredOn(ProviderPreset::onPlatform).allSatisfy(p -> {
            assertThat(p.models()).as(p.id()).isEmpty();
            assertThat(p.modelPatterns()).as(p.id()).isEmpty();
        });
    }

    @Test
    void elevenLabsAndDeepgramHaveAudioOnlyPresets() {
        assertThat(CATALOG.find("elevenlabs").orElseThrow().dialect()).isEqualTo(Dialect.ELEVENLABS);
        assertThat(CATALOG.find("elevenlabs").orElseThrow().auth()).isEqualTo(new AuthStyle.Header("xi-api-key"));
        assertThat(CATALOG.find("deepgram").orElseThrow().dialect()).isEqualTo(Dialect.DEEPGRAM);
    }

    @Test
    void cohereAndOllamaHaveNativePresetsBesideTheirCompatibleOnes() {
        assertThat(CATALOG.find("cohere").orElseThrow().dialect()).isEqualTo(Dialect.COHERE);
        assertThat(CATALOG.find("cohere").orElseThrow().auth()).isEqualTo(new AuthStyle.Bearer());
        assertThat(CATALOG.find("cohere-compat").orElseThrow().dialect()).isEqualTo(Dialect.OPENAI_CHAT);
        ProviderPreset ollama = CATALOG.find("ollama-native").orElseThrow();
        assertThat(ollama.dialect()).isEqualTo(Dialect.OLLAMA);
        assertThat(ollama.auth()).isEqualTo(new AuthStyle.None());
        assertThat(ollama.keyRequired()).isFalse();
        assertThat(ollama.baseUrl()).isEqualTo("http://127.0.0.1:11434");
        assertThat(CATALOG.find("ollama").orElseThrow().dialect()).isEqualTo(Dialect.OPENAI_CHAT);
    }

    @Test
    void catalogOrderIsTheFileOrder() {
        assertThat(CATALOG.all().getFirst().id()).isEqualTo("openai");
        assertThat(CATALOG.version()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void unknownPresetIsAbsent() {
        assertThat(CATALOG.find("nope")).isEmpty();
    }

    @Test
    void providerConfigServesListedNamesAndPatterns() {
        ProviderPreset openai = CATALOG.find("openai").orElseThrow();
        ProviderConfig config = new ProviderConfig(openai.id(), openai.dialect(), openai.baseUrl() + "/",
                java.util.Optional.empty(), openai.auth(), Map.of(), openai.params(), Timeouts.DEFAULTS,
                openai.models(), openai.modelPatterns());

        assertThat(config.serves("gpt-4o")).isTrue();
        assertThat(config.serves("gpt-4.5-preview")).isTrue();
        assertThat(config.serves("claude-sonnet-4")).isFalse();
        assertThat(config.baseUrl()).isEqualTo("https://api.openai.com/v1");
    }
}
