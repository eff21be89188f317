package dev.junction.dialect.bedrock;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authenticates a Bedrock request just before it is sent, over its final URL and bytes: a Bedrock API key as a bearer
 * token, or a SigV4 signature (service {@code bedrock}, the platform's region) with static or chain credentials.
 * Signed are {@code host}, {@code content-type}, {@code accept} and the {@code x-amz-*} headers the signer adds; the
 * correlation and trace headers stay unsigned, so a proxy that rewrites them does not break the signature. Thread
 * safe.
 */
public final class BedrockAuth {

    private final BedrockCredentials credentials;
    private final SigV4Signer signer;

    public BedrockAuth(BedrockCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.signer = new SigV4Signer(clock);
    }

    /** Adds the credential to {@code headers}; fails if no credentials can be found. */
    public Future<MultiMap> apply(BedrockPlatform platform, String url, MultiMap headers, byte[] body) {
        if (platform.apiKey().isPresent()) {
            headers.set("authorization", "Bearer " + platform.apiKey().get().reveal());
            return Future.succeededFuture(headers);
        }
        return credentials.forPlatform(platform).map(identity -> {
            Map<String, String> signed = new LinkedHashMap<>();
            for (String name : new String[] {"content-type", "accept"}) {
                String value = headers.get(name);
                if (value != null) {
                    signed.put(name, value);
                }
            }
            headers.remove("authorization");
            signer.sign("POST", url, signed, body, identity, platform.region(), BedrockPlatform.SERVICE)
                    .forEach(headers::set);
            return headers;
        });
    }
}
