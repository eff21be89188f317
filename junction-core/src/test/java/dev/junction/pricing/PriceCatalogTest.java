package dev.junction.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import dev.junction.routing.Price;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();

    @Test
    void bundledCatalogCarriesItsVersion() {
        assertThat(CATALOG.version()).isEqualTo("2026-12-07");
    }

    @Test
    void bundledCatalogIsParsedOnceAndShared() {
        assertThat(PriceCatalog.bundled()).isSameAs(CATALOG);
    }

    @Test
    void everyListedModelHasAnInputAndOutputPriceOfAtLeastZero() {
        assertThat(CATALOG.models()).hasSizeGreaterThan(40).allSatisfy(model ->
                assertThat(CATALOG.find(model)).as(model).hasValueSatisfying(price -> {
                    assertThat(price.inputPerMillion()).isGreaterThanOrEqualTo(0);
                    assertThat(price.outputPerMillion()).isGreaterThanOrEqualTo(0);
                }));
    }

    @Test
    void everyModelTheMajorProviderPresetsListHasAListPrice() {
        ProviderCatalog presets = ProviderCatalog.bundled();
        for (String provider : new String[] {"openai", "anthropic", "gemini", "deepseek"}) {
            assertThat(presets.find(provider).orElseThrow().models()).as(provider)
                    .allSatisfy(model -> assertThat(CATALOG.find(provider + "/" + model)).as(model).isPresent());
        }
    }

    @Test
    void claudeCacheWritesCostAQuarterMoreThanInputAndReadsATenth() {
        // Anthropic lists Claude 3 Haiku's cache write at $0.30, not 1.25 × $0.25
        assertThat(CATALOG.models()).filteredOn(m -> m.startsWith("claude-") && !m.equals("claude-3-haiku"))
                .isNotEmpty().allSatisfy(model -> {
            Price p = CATALOG.find(model).orElseThrow();
            assertThat(p.effectiveCacheWritePerMillion()).as(model).isCloseTo(1.25 * p.inputPerMillion(), within(1e-9));
            assertThat(p.effectiveCachedReadPerMillion()).as(model).isCloseTo(0.1 * p.inputPerMillion(), within(1e-9));
        });
    }

    @Test
    void exactNameIsFound() {
        assertThat(CATALOG.find("gpt-4o")).hasValueSatisfying(p -> assertThat(p.inputPerMillion()).isEqualTo(2.50));
    }

    @Test
    void providerPrefixIsIgnored() {
        assertThat(CATALOG.find("openai/gpt-4o")).isEqualTo(CATALOG.find("gpt-4o"));
        assertThat(CATALOG.find("openrouter/anthropic/claude-sonnet-4-5")).isEqualTo(CATALOG.find("claude-sonnet-4-5"));
    }

    @Test
    void datedSnapshotTakesThePriceOfItsModel() {
        assertThat(CATALOG.find("gpt-4o-2024-08-06")).isEqualTo(CATALOG.find("gpt-4o"));
        assertThat(CATALOG.find("claude-sonnet-4-20250514")).isEqualTo(CATALOG.find("claude-sonnet-4"));
        assertThat(CATALOG.find("anthropic/claude-3-5-haiku-20241022")).isEqualTo(CATALOG.find("claude-3-5-haiku"));
    }

    @Test
    void latestAliasTakesThePriceOfItsModel() {
        assertThat(CATALOG.find("claude-3-5-haiku-latest")).isEqualTo(CATALOG.find("claude-3-5-haiku")).isPresent();
    }

    @Test
    void snapshotListedUnderItsOwnNameKeepsItsOwnPrice() {
        assertThat(CATALOG.find("openai/gpt-4o-2024-05-13")).hasValue(new Price(5.00, 15.00));
    }

    @Test
    void caseIsIgnoredWhenNothingMatchesExactly() {
        assertThat(CATALOG.find("OpenAI/GPT-4o-2024-08-06")).isEqualTo(CATALOG.find("gpt-4o")).isPresent();
    }

    @Test
    void unknownOrCustomNamesHaveNoPrice() {
        assertThat(CATALOG.find("general")).isEmpty();
        assertThat(CATALOG.find("ollama/llama3.2")).isEmpty();
        assertThat(CATALOG.find("-latest")).isEmpty();
    }

    @Test
    void maximumOutputTokensAreFoundLikePrices() {
        assertThat(CATALOG.maxOutputTokens("openai/gpt-4o-mini-2024-07-18")).isEqualTo(OptionalLong.of(16_384));
        assertThat(CATALOG.maxOutputTokens("text-embedding-3-small")).isEmpty();
        assertThat(CATALOG.maxOutputTokens("general")).isEmpty();
    }

    @Test
    void overrideWinsForTheModelAndItsSnapshotsAndKeepsTheMaximumOutput() {
        Price negotiated = new Price(2.00, 8.00);
        PriceCatalog custom = CATALOG.withOverrides(Map.of("gpt-4o", negotiated));

        assertThat(custom.find("openai/gpt-4o-2024-08-06")).hasValue(negotiated);
        assertThat(custom.maxOutputTokens("gpt-4o")).isEqualTo(CATALOG.maxOutputTokens("gpt-4o"));
        assertThat(CATALOG.find("gpt-4o")).hasValueSatisfying(p -> assertThat(p).isNotEqualTo(negotiated));
    }

    @Test
    void overrideReplacesTheListedNameWhateverItsCase() {
        Price negotiated = new Price(0.1, 0.1);
        PriceCatalog custom = CATALOG.withOverrides(Map.of("GPT-4o", negotiated));

        assertThat(custom.find("gpt-4o")).hasValue(negotiated);
        assertThat(custom.models()).hasSize(CATALOG.models().size());
    }

    @Test
    void overrideOfAnUnlistedNameAddsIt() {
        PriceCatalog custom = CATALOG.withOverrides(Map.of("my-finetune", new Price(1, 2)));

        assertThat(custom.find("my-finetune")).hasValue(new Price(1, 2));
        assertThat(custom.models()).hasSize(CATALOG.models().size() + 1);
    }

    @Test
    void catalogWithBadEntriesIsRejectedNamingEachProblem() {
        String json = """
                {"version": "x", "models": {
                  "a": {"input": 1},
                  "b": {"input": -1, "output": 1},
                  "c": {"input": 1, "output": 1, "cached": 0.5, "max_output_tokens": 0}
                }}""";

        assertThatThrownBy(() -> PriceCatalogReader.parse(Json.MAPPER.readTree(json)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("models.a.output: required")
                .hasMessageContaining("models.b.input: expected a number >= 0, got -1")
                .hasMessageContaining("models.c.cached: unknown key")
                .hasMessageContaining("models.c.max_output_tokens: expected a whole number >= 1, got 0");
    }
}
