package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.models.ModelInfo;
import com.google.genai.Client;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Model;
import dev.junction.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The public model names in each caller's shape: {@code GET /v1/models} answers Anthropic's list to a caller that
 * sends {@code anthropic-version} and OpenAI's otherwise; {@code GET /v1beta/models[/{m}]} answers Google's.
 */
class ModelListingTest {

    @RegisterExtension
    static final DialectMatrix ENV = new DialectMatrix();

    private static final List<String> ROUTES = List.of("to-anthropic", "to-gemini", "to-openai");

    private static AnthropicClient anthropic;
    private static Client google;

    @BeforeAll
    static void clients() {
        anthropic = Sdks.anthropic(ENV.gateway());
        google = Sdks.google(ENV.gateway());
    }

    @AfterAll
    static void close() {
        anthropic.close();
        google.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void anthropicSdkListsTheRoutes() {
        List<String> ids = anthropic.models().list().autoPager().stream().map(ModelInfo::id).toList();

        assertThat(ids).containsAll(ROUTES).contains("anthropic/claude-sonnet-4-5").doesNotHaveDuplicates();
    }

    @Test
    void anthropicSdkRetrievesOneModel() {
        ModelInfo model = anthropic.models().retrieve("to-anthropic");

        assertThat(model.id()).isEqualTo("to-anthropic");
        assertThat(model.displayName()).isNotBlank();
    }

    @Test
    void anthropicSdkRetrievingAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> anthropic.models().retrieve("no-such-model"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void modelListWithAnthropicVersionHasAnthropicsShape() {
        JsonNode body = json(ENV.gateway().get("/v1/models", "x-api-key", Gateway.KEY,
                "anthropic-version", "2023-06-01"));

        assertThat(body.propertyNames()).containsExactlyInAnyOrder("data", "has_more", "first_id", "last_id");
        assertThat(body.path("has_more").asBoolean()).isFalse();
        JsonNode data = body.path("data");
        assertThat(body.path("first_id").asString()).isEqualTo(data.get(0).path("id").asString());
        assertThat(body.path("last_id").asString()).isEqualTo(data.get(data.size() - 1).path("id").asString());
        data.forEach(m -> {
            assertThat(m.propertyNames()).containsExactlyInAnyOrder("type", "id", "display_name", "created_at");
            assertThat(m.path("type").asString()).isEqualTo("model");
        });
    }

    @Test
    void modelListWithoutAnthropicVersionHasOpenAisShape() {
        JsonNode body = json(ENV.gateway().get("/v1/models", "authorization", "Bearer " + Gateway.KEY));

        assertThat(body.path("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(m -> {
            assertThat(m.propertyNames()).containsExactlyInAnyOrder("id", "object", "created", "owned_by");
            assertThat(m.path("object").asString()).isEqualTo("model");
            ids.add(m.path("id").asString());
        });
        assertThat(ids).containsAll(ROUTES);
    }

    @Test
    void geminiModelListHasGooglesShape() {
        JsonNode body = json(ENV.gateway().get("/v1beta/models", "x-goog-api-key", Gateway.KEY));

        List<String> names = new ArrayList<>();
        body.path("models").forEach(m -> {
            assertThat(m.path("supportedGenerationMethods").isArray()).isTrue();
            names.add(m.path("name").asString());
        });
        assertThat(names).contains("models/to-anthropic", "models/to-gemini", "models/to-openai");
    }

    @Test
    void googleSdkListsTheRoutes() {
        List<String> names = new ArrayList<>();
        google.models.list(null).forEach(m -> names.add(m.name().orElseThrow()));

        assertThat(names).contains("models/to-anthropic", "models/to-gemini", "models/to-openai");
    }

    @Test
    void googleSdkGetsOneModel() {
        Model model = google.models.get("to-gemini", null);

        assertThat(model.name()).contains("models/to-gemini");
        assertThat(model.supportedActions().orElseThrow()).contains("generateContent");
    }

    @Test
    void googleSdkGettingAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> google.models.get("no-such-model", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.status()).isEqualTo("NOT_FOUND");
                });
    }
}
