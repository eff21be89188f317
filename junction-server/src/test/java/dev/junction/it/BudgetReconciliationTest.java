package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.budget.BudgetPeriod;
import dev.junction.testkit.MockUpstream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets kept in memory survive a restart: the database's request log is the record of truth, and a starting
 * gateway takes each budget's spend for the current period from it.
 */
class BudgetReconciliationTest {

    @TempDir
    Path dataDir;

    @Test
    void restartedGatewayRemembersTheSpendOfTheCurrentPeriod() throws Exception {
        String yaml = MeteredAnswers.ROUTE;
        try (MockUpstream upstream = MockUpstream.start()) {
            upstream.setDefault(MeteredAnswers.hundredOutputTokens());
            Map<String, String> env = Map.of("JUNCTION_DATA_DIR", dataDir.resolve("data").toString(),
                    "OPENAI_BASE_URL", upstream.baseUrl(), "OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
            Provision.IssuedKey key;
            try (Gateway before = Gateway.start(yaml, env)) {
                Provision provision = new Provision(before);
                key = provision.key();
                provision.budget(key, 150, BudgetPeriod.MONTHLY);
                assertThat(chat(before, key.plaintext())).isEqualTo(200); // $100 of $150 spent
            } // stopping flushes the request log

            try (Gateway after = Gateway.start(yaml, env)) {
                assertThat(chat(after, key.plaintext())).as("another $100 would exceed the $150").isEqualTo(429);
            }
        }
    }

    private static int chat(Gateway gateway, String key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"metered","max_tokens":100,"messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key).statusCode();
    }
}
