package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.junit.jupiter.api.Test;

class UpstreamUrlsTest {

    private final UpstreamUrls urls = new UpstreamUrls();

    @Test
    void aUrlIsParsedOnceAndKept() {
        URL first = urls.of("https://api.example.com:8443/v1/chat/completions?api-version=2024-10-21").orElseThrow();
        URL again = urls.of(new String("https://api.example.com:8443/v1/chat/completions?api-version=2024-10-21"))
                .orElseThrow();

        assertThat(again).isSameAs(first);
        assertThat(first.getHost()).isEqualTo("api.example.com");
        assertThat(first.getPort()).isEqualTo(8443);
        assertThat(first.getFile()).isEqualTo("/v1/chat/completions?api-version=2024-10-21");
    }

    @Test
    void aUrlThatDoesNotParseIsNeitherKeptNorThrown() {
        assertThat(urls.of("http://bad host/v1")).isEmpty();
        assertThat(urls.of("not a url")).isEmpty();
        assertThat(urls.size()).isZero();
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i < UpstreamUrls.CAPACITY + 10; i++) {
            urls.of("http://127.0.0.1:" + (1000 + i) + "/v1");
        }
        assertThat(urls.size()).isLessThanOrEqualTo(UpstreamUrls.CAPACITY);
    }
}
