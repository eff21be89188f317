package dev.junction.dialect.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ClaudeInvokeBodyTest {

    private static ObjectNode body(String json) {
        return (ObjectNode) Json.tryParse(json).orElseThrow();
    }

    @Test
    void modelAndStreamLeaveTheVersionArrivesAndEverythingElseStays() {
        ObjectNode original = body("""
                {"model": "claude", "stream": true, "max_tokens": 2048,
                 "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "system": [{"type": "text", "text": "be brief", "cache_control": {"type": "ephemeral"}}],
                 "messages": [{"role": "user", "content": "hi"}]}
                """);
        JsonNode kept = original.deepCopy();

        ObjectNode invoke = ClaudeInvokeBody.of(original, Optional.empty());

        assertThat(invoke.has("model")).isFalse();
        assertThat(invoke.has("stream")).isFalse();
        assertThat(invoke.has("anthropic_beta")).isFalse();
        assertThat(invoke.path("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        for (String field : new String[] {"max_tokens", "thinking", "system", "messages"}) {
            assertThat(invoke.get(field)).as(field).isEqualTo(kept.get(field));
        }
    }

    @Test
    void theBetaHeaderBecomesTheBodysBetaArrayWithoutDuplicates() {
        ObjectNode invoke = ClaudeInvokeBody.of(body("""
                {"model": "claude", "anthropic_beta": ["context-1m-2025-08-07"], "messages": []}
                """), Optional.of("interleaved-thinking-2025-05-14, context-1m-2025-08-07,"));

        assertThat(invoke.path("anthropic_beta")).isEqualTo(Json.tryParse(
                "[\"context-1m-2025-08-07\", \"interleaved-thinking-2025-05-14\"]").orElseThrow());
    }
}
