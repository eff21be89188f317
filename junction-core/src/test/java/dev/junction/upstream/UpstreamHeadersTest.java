package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Secret;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The headers of an attempt: defaults, the client request's trace context, the provider's extras, the credential. */
class UpstreamHeadersTest {

    private static final ProviderConfig PROVIDER = new ProviderConfig("openai", Dialect.OPENAI_CHAT,
            "https://api.example/v1", Optional.of(Secret.of("sk-secret")), new AuthStyle.Bearer(),
            Map.of("x-extra", "1"), ParamRules.NONE, Timeouts.DEFAULTS, List.of(), List.of());

    private static UpstreamCall call(ClientRequest request) {
        return new UpstreamCall(request, PROVIDER, "gpt-4o", ParamRules.NONE, "req_1", new Cancellation());
    }

    private static ClientRequest request() {
        ObjectNode body = Json.parseObject("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new ClientRequest(Dialect.OPENAI_CHAT, body, OpenAiRequestMapper.toCanonical(body));
    }

    @Test
    void aTracedRequestCarriesItsTraceContextAskedOncePerAttempt() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        ClientRequest traced = request().withPropagation((provider, model) -> {
            asked.add(provider + "/" + model);
            return Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "authorization", "Bearer not-this");
        });

        MultiMap headers = UpstreamHeaders.of(call(traced), true);

        assertThat(headers.get("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(headers.get("authorization")).as("the credential is set last").isEqualTo("Bearer sk-secret");
        assertThat(headers.get("x-request-id")).isEqualTo("req_1");
        assertThat(headers.get("x-extra")).isEqualTo("1");
        assertThat(headers.get("accept")).isEqualTo("text/event-stream");
        UpstreamHeaders.of(call(traced), false);
        assertThat(asked).containsExactly("openai/gpt-4o", "openai/gpt-4o");
    }

    @Test
    void anUntracedRequestCarriesNone() {
        ClientRequest plain = request();
        assertThat(plain.propagation()).isSameAs(Propagation.NONE);
        assertThat(UpstreamHeaders.of(call(plain), false).contains("traceparent")).isFalse();
        assertThat(plain.withPropagation(Propagation.NONE).body()).isSameAs(plain.body());
    }
}
