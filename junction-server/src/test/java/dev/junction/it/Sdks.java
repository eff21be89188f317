package dev.junction.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import java.time.Duration;

/**
 * The Anthropic and Google SDKs pointed at a gateway, without retries so that tests see every status. Test helper;
 * the caller closes what it gets.
 */
final class Sdks {

    private Sdks() {}

    static AnthropicClient anthropic(Gateway gateway) {
        return AnthropicOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(Gateway.KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    static Client google(Gateway gateway) {
        return Client.builder().apiKey(Gateway.KEY).httpOptions(HttpOptions.builder().baseUrl(gateway.baseUrl())
                .retryOptions(HttpRetryOptions.builder().attempts(1)).build()).build();
    }
}
