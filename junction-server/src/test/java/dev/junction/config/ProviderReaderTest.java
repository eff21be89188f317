package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.Timeouts;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ProviderReaderTest {

    private static final ProviderCatalog CATALOG = ProviderCatalog.bundled();

    private static JsonNode yaml(String text) {
        return YAMLMapper.builder().build().readTree(text);
    }

    @Test
    void eachProviderIsTaggedWithTheLayerThatDefinedItLast() {
        Problems problems = new Problems();
        var table = new ProviderReader(CATALOG, Map.of("GROQ_API_KEY", "gsk-1", "MISTRAL_API_KEY", "m-1"))
                .read(yaml("mistral: {models: [mistral-small]}\nmine: {base_url: http://127.0.0.1:9/v1}"),
                        Timeouts.DEFAULTS, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(table.providers()).containsOnlyKeys("mock", "groq", "mistral", "mine");
        assertThat(table.sources()).containsEntry("mock", ConfigLayers.Source.BUILTIN)
                .containsEntry("groq", ConfigLayers.Source.ENV)
                .containsEntry("mistral", ConfigLayers.Source.FILE)
                .containsEntry("mine", ConfigLayers.Source.FILE);
        assertThat(table.providers().get("mistral").apiKey().orElseThrow().reveal()).isEqualTo("m-1");
    }

    @Test
    void aStoredDefinitionNeverTakesAPresetsKeyFromTheEnvironment() {
        Problems problems = new Problems();
        var provider = ProviderReader.forStoredDefinitions(CATALOG).storedProvider("groq-stored",
                yaml("preset: groq"), Optional.empty(), Timeouts.DEFAULTS, Map.of(), problems);

        assertThat(problems.list()).isEmpty();
        assertThat(provider.orElseThrow().apiKey()).isEmpty();
    }

    @Test
    void anUnknownKeyOfAProviderBlockIsAProblemNamingItsPath() {
        Problems problems = new Problems();
        new ProviderReader(CATALOG, Map.of()).read(yaml("mine: {base_url: http://127.0.0.1:9/v1, colour: red}"),
                Timeouts.DEFAULTS, problems);

        assertThat(problems.list()).anySatisfy(p -> assertThat(p).contains("providers.mine").contains("colour"));
    }
}
