package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import io.vertx.core.http.HttpVersion;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstreams over TLS, as every hosted provider is: HTTP/2 when the server offers it by ALPN, HTTP/1.1 when it offers
 * nothing else, each verified against the provider's own CA bundle ({@code tls.ca_file}) when it has one and the JVM's
 * trust store otherwise. The mock's certificate is self-signed, made for the test.
 */
class TlsUpstreamTest {

    private static final String CHAT = """
            {"model":"secure","messages":[{"role":"user","content":"over tls"}]}""";
    private static final String STREAM = """
            {"model":"secure","stream":true,"messages":[{"role":"user","content":"over tls"}]}""";

    @TempDir
    Path dir;

    private Gateway gateway(MockUpstream upstream, boolean trusted) {
        String tls = "";
        if (trusted) {
            Path ca = upstream.certificate().orElseThrow().writeCertificate(dir.resolve("upstream-ca.pem"));
            tls = ", tls: {ca_file: \"" + ca + "\"}";
        }
        return Gateway.start("""
                keys: [{name: tests, key: %s}]
                providers:
                  secure: {base_url: "%s", api_key: sk-secure-0123456789, models: [m]%s}
                routes:
                  secure:
                    steps: [{provider: secure, model: m}]
                """.formatted(Gateway.KEY, upstream.baseUrl(), tls), Map.of());
    }

    private static RecordedRequest lastChat(MockUpstream upstream) {
        return upstream.requests().stream().filter(r -> r.path().startsWith("/v1/chat/completions"))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void anUpstreamOfferingHttp2IsCalledOverHttp2() {
        try (MockUpstream upstream = MockUpstream.startTls(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1);
             Gateway gateway = gateway(upstream, true)) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", CHAT);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(response.body()).at("/choices/0/message/content").asString())
                    .contains("over tls");
            assertThat(upstream.baseUrl()).startsWith("https://");
            assertThat(lastChat(upstream).version()).isEqualTo(HttpVersion.HTTP_2);
        }
    }

    @Test
    void aStreamComesThroughOverHttp2() {
        try (MockUpstream upstream = MockUpstream.startTls(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1);
             Gateway gateway = gateway(upstream, true)) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("data: ", " tls", "data: [DONE]");
            assertThat(lastChat(upstream).version()).isEqualTo(HttpVersion.HTTP_2);
        }
    }

    @Test
    void anUpstreamOfferingOnlyHttp11IsCalledOverHttp11() {
        try (MockUpstream upstream = MockUpstream.startTls(HttpVersion.HTTP_1_1);
             Gateway gateway = gateway(upstream, true)) {
            HttpResponse<String> chat = gateway.post("/v1/chat/completions", CHAT);
            HttpResponse<String> stream = gateway.post("/v1/chat/completions", STREAM);

            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
            assertThat(stream.body()).contains("data: [DONE]");
            assertThat(upstream.requests()).filteredOn(r -> r.path().startsWith("/v1/chat/completions"))
                    .hasSize(2).allSatisfy(r -> assertThat(r.version()).isEqualTo(HttpVersion.HTTP_1_1));
        }
    }

    @Test
    void anUpstreamWhoseCertificateTheProviderDoesNotTrustIsNeverSentTheRequest() {
        try (MockUpstream upstream = MockUpstream.startTls(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1);
             Gateway gateway = gateway(upstream, false)) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", CHAT);

            assertThat(response.statusCode()).isGreaterThanOrEqualTo(502);
            assertThat(Json.MAPPER.readTree(response.body()).at("/error/message").asString()).contains("'secure'")
                    .doesNotContain("127.0.0.1");
            assertThat(upstream.requests()).isEmpty();
        }
    }
}
