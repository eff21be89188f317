package dev.junction.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.pricing.PriceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The provider table of {@code docs/providers.md} is the one rendered from the bundled catalog and price list. To
 * regenerate it after changing either, run this test with {@code -Djunction.docs.regenerate=true}.
 */
class CatalogTableTest {

    private static final Path DOC = Path.of("..", "docs", "providers.md");

    @Test
    void theDocumentsProviderTableIsTheOneRenderedFromTheCatalog() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(CatalogTable.BEGIN);
        int end = doc.indexOf(CatalogTable.END);
        assertThat(begin).as("the table's markers in " + DOC).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String rendered = CatalogTable.render(ProviderCatalog.bundled(), PriceCatalog.bundled());
        String current = doc.substring(begin + CatalogTable.BEGIN.length() + 1, end);
        if (Boolean.getBoolean("junction.docs.regenerate")) {
            Files.writeString(DOC, doc.substring(0, begin + CatalogTable.BEGIN.length() + 1) + rendered
                    + doc.substring(end));
            current = rendered;
        }
        assertThat(current.lines()).as("regenerate with -Djunction.docs.regenerate=true")
                .containsExactlyElementsOf(rendered.lines().toList());
    }

    @Test
    void everyPresetClaimsOnlyOperationsOfItsDialectOrItsListedModels() {
        ProviderPreset anthropic = ProviderCatalog.bundled().find("anthropic").orElseThrow();
        ProviderPreset cohere = ProviderCatalog.bundled().find("cohere").orElseThrow();
        ProviderPreset elevenlabs = ProviderCatalog.bundled().find("elevenlabs").orElseThrow();

        assertThat(CatalogTable.operations(anthropic)).containsExactly("chat");
        assertThat(CatalogTable.operations(cohere)).containsExactly("chat", "embeddings", "rerank");
        assertThat(CatalogTable.operations(elevenlabs)).containsExactly("audio_speech");
    }

    @Test
    void aPresetsPricedModelsAreCountedWithThePriceListsDate() {
        String table = CatalogTable.render(ProviderCatalog.bundled(), PriceCatalog.bundled());

        assertThat(table).containsPattern("\\| `anthropic` \\|.*\\| \\d+ models \\("
                + PriceCatalog.bundled().version() + "\\) \\|");
        assertThat(table).containsPattern("\\| `vllm` \\|.*\\| — \\(self-hosted\\) \\|");
    }

    @Test
    void aPresetsOperationsNameTheirModelsAndItsNotesComeFromTheCatalog() {
        String table = CatalogTable.render(ProviderCatalog.bundled(), PriceCatalog.bundled());

        assertThat(table).containsPattern("\\| `gemini` \\|.*\\| chat \\(`gemini-[^|]*\\), embeddings, images "
                + "\\(`gemini-\\*-image\\*`, `imagen-\\*`\\), audio_transcription \\(`gemini-[^|]*\\) \\|.*\\| images: Gemini "
                + "image output through `generateContent`, Imagen through `:predict` \\|");
        assertThat(table).containsPattern("\\| `groq` \\|.*\\| — \\|\\n");
    }

    @Test
    void aPresetListingAnOperationForEveryModelClaimsOnlyWhatItLists() {
        ProviderCatalog catalog = ProviderCatalog.bundled();

        assertThat(CatalogTable.operations(catalog.find("whisper").orElseThrow()))
                .containsExactly("audio_transcription");
        assertThat(CatalogTable.operations(catalog.find("ai21").orElseThrow())).containsExactly("chat");
        assertThat(CatalogTable.operations(catalog.find("localai").orElseThrow()))
                .startsWith("chat", "embeddings").contains("audio_transcription", "audio_speech", "images");
    }
}
