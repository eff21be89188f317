package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.junction.budget.BudgetPeriod;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import dev.junction.testkit.Behavior;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The Responses API's conversation state is the governance store's: a response stored through one replica is
 * continued, read and deleted through another sharing the database; it belongs to the caller's tenant (another
 * tenant's key gets a 404); and Responses requests are governed like chat (logged under {@code /v1/responses},
 * charged to the key's budget).
 */
class ResponsesStateTest {

    private static final String YAML = """
            routes:
              claude: {steps: [{provider: anthropic, model: claude-sonnet-4-5}]}
            """;

    /** Two replicas on one fresh database of {@code backend}, an Anthropic upstream behind both. */
    private record Replicas(MockUpstream upstream, TestDatabases.Fresh database, Gateway first, Gateway second)
            implements AutoCloseable {

        static Replicas start(Backend backend) {
            MockUpstream upstream = MockUpstream.start();
            TestDatabases.Fresh database = backend.createDatabase();
            Map<String, String> env = new HashMap<>(backend.environment(database));
            env.put("ANTHROPIC_BASE_URL", upstream.baseUrl());
            env.put("ANTHROPIC_API_KEY", "sk-ant-upstream-0123456789");
            env.put("JUNCTION_ADMIN_KEY", "admin-key-0123456789abcdef");
            return new Replicas(upstream, database, Gateway.start(YAML, env), Gateway.start(YAML, env));
        }

        @Override
        public void close() {
            first.close();
            second.close();
            upstream.close();
            database.close();
        }
    }

    private static OpenAIClient sdk(Gateway gateway, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    /** A key of a user in a tenant of its own, known to both replicas. */
    private static Provision.IssuedKey keyOfNewTenant(Replicas replicas) {
        Provision provision = new Provision(replicas.first());
        Tenant tenant = provision.call(() -> replicas.first().server().governance().store().tenants().create(
                new Tenant.Spec("tenant-" + UUID.randomUUID(), 0, RateLimits.NONE, List.of(), Map.of())));
        User user = provision.call(() -> replicas.first().server().governance().store().users().create(tenant.id(),
                new User.Spec(Optional.empty(), "user-" + UUID.randomUUID(), Optional.empty(), RateLimits.NONE,
                        List.of(), Map.of(), true)));
        Provision.IssuedKey key = provision.key(user, Provision.spec(RateLimits.NONE, List.of(), List.of(),
                Optional.empty(), true));
        new Provision(replicas.second()).publish();
        return key;
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"POSTGRESQL_REDIS", "MARIADB"})
    void aResponseStoredThroughOneReplicaIsContinuedReadAndDeletedThroughTheOther(Backend backend) {
        try (Replicas replicas = Replicas.start(backend)) {
            Provision.IssuedKey key = keyOfNewTenant(replicas);
            replicas.upstream().enqueue(Behavior.reply("Paris is the capital."));
            replicas.upstream().enqueue(Behavior.reply("About two million people."));

            Response first = sdk(replicas.first(), key.plaintext()).responses().create(ResponseCreateParams.builder()
                    .model("claude").input("What is the capital of France?").build());
            Response second = sdk(replicas.second(), key.plaintext()).responses().create(ResponseCreateParams
                    .builder().model("claude").input("How many people live there?").previousResponseId(first.id())
                    .build());

            JsonNode upstreamSaw = replicas.upstream().lastRequest().orElseThrow().json();
            assertThat(upstreamSaw.path("messages").toString()).contains("What is the capital of France?",
                    "Paris is the capital.", "How many people live there?");
            assertThat(ResponsesClientMatrixTest.text(second)).isEqualTo("About two million people.");
            assertThat(second.previousResponseId()).contains(first.id());
            assertThat(sdk(replicas.second(), key.plaintext()).responses().retrieve(first.id()).id())
                    .isEqualTo(first.id());
            sdk(replicas.second(), key.plaintext()).responses().delete(first.id());
            assertThatThrownBy(() -> sdk(replicas.first(), key.plaintext()).responses().retrieve(first.id()))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"POSTGRESQL_REDIS"})
    void anotherTenantsResponseIsNotFound(Backend backend) {
        try (Replicas replicas = Replicas.start(backend)) {
            Provision.IssuedKey owner = keyOfNewTenant(replicas);
            Provision.IssuedKey stranger = keyOfNewTenant(replicas);
            replicas.upstream().setDefault(Behavior.reply("A secret of the first tenant."));

            Response mine = sdk(replicas.first(), owner.plaintext()).responses().create(ResponseCreateParams
                    .builder().model("claude").input("Keep this").build());

            OpenAIClient other = sdk(replicas.second(), stranger.plaintext());
            assertThatThrownBy(() -> other.responses().retrieve(mine.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> other.responses().inputItems().list(mine.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> other.responses().create(ResponseCreateParams.builder().model("claude")
                    .input("and?").previousResponseId(mine.id()).build())).isInstanceOf(NotFoundException.class);
            assertThat(replicas.upstream().requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"POSTGRESQL_REDIS"})
    void aResponsesRequestIsLoggedAndChargedLikeAChat(Backend backend) {
        try (Replicas replicas = Replicas.start(backend)) {
            Provision.IssuedKey key = keyOfNewTenant(replicas);
            new Provision(replicas.first()).budget(key, 5, BudgetPeriod.MONTHLY);
            new Provision(replicas.second()).publish();
            replicas.upstream().setDefault(Behavior.reply("Charged words here."));

            var response = replicas.second().post("/v1/responses", """
                    {"model":"claude","input":"hello","max_output_tokens":64}""",
                    "authorization", "Bearer " + key.plaintext());

            assertThat(response.statusCode()).isEqualTo(200);
            String id = response.headers().firstValue("x-request-id").orElseThrow();
            String line = replicas.second().awaitLog(id).lines().filter(l -> l.contains(id)).findFirst()
                    .orElseThrow();
            JsonNode logged = Json.MAPPER.readTree(line);
            assertThat(logged.path("endpoint").asString()).isEqualTo("/v1/responses");
            assertThat(logged.path("cost_usd").asDouble()).isPositive();
            List<Double> spent = new ArrayList<>();
            for (int i = 0; i < 50 && (spent.isEmpty() || spent.getLast() == 0); i++) {
                JsonNode me = Json.MAPPER.readTree(replicas.first().get("/v1/me", "authorization",
                        "Bearer " + key.plaintext()).body());
                spent.add(me.path("budgets").get(0).path("spent_usd").asDouble());
                sleep();
            }
            assertThat(spent.getLast()).isPositive();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
