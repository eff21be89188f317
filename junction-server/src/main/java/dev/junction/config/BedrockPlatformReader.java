package dev.junction.config;

import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.model.Dialect;
import dev.junction.provider.Platform;
import dev.junction.secret.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code platform: {type: bedrock}} block: {@code region} (else {@code AWS_REGION}, then
 * {@code AWS_DEFAULT_REGION}), and optionally static keys ({@code access_key_id} with {@code secret_access_key}, and
 * {@code session_token}) or a Bedrock API key ({@code api_key}, else {@code AWS_BEARER_TOKEN_BEDROCK}); without
 * either the AWS SDK's default credential chain signs. Values were {@code ${VAR}}-substituted before; credentials
 * become {@link Secret}s. The platform serves the {@code bedrock-converse} dialect (Converse) and the
 * {@code anthropic} dialect (Claude through InvokeModel). Stateless.
 */
final class BedrockPlatformReader {

    private static final Set<String> KEYS = Set.of("type", "region", "access_key_id", "secret_access_key",
            "session_token", "api_key");
    private static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d+";

    private BedrockPlatformReader() {}

    static Optional<Platform> read(JsonNode block, String path, Dialect dialect, Map<String, String> env,
                                   Problems problems) {
        problems.onlyKeys(block, path, KEYS);
        if (dialect != Dialect.BEDROCK_CONVERSE && dialect != Dialect.ANTHROPIC) {
            problems.add(path + ".type: the bedrock platform serves the dialects bedrock-converse (Converse) and "
                    + "anthropic (Claude through InvokeModel)");
            return Optional.empty();
        }
        Optional<String> region = problems.string(block, "region", path)
                .or(() -> Optional.ofNullable(env.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION"))).filter(r -> !r.isBlank());
        if (region.isEmpty()) {
            problems.add(path + ".region: required (or set AWS_REGION)");
            return Optional.empty();
        }
        if (!region.get().matches(REGION)) {
            problems.add(path + ".region: expected an AWS region such as us-east-1, got '" + region.get() + "'");
            return Optional.empty();
        }
        Optional<Secret> id = secret(block, "access_key_id", path, problems);
        Optional<Secret> secret = secret(block, "secret_access_key", path, problems);
        Optional<Secret> token = secret(block, "session_token", path, problems);
        Optional<Secret> apiKey = secret(block, "api_key", path, problems)
                .or(() -> Optional.ofNullable(env.get("AWS_BEARER_TOKEN_BEDROCK")).filter(k -> !k.isBlank())
                        .map(Secret::of));
        if (id.isPresent() != secret.isPresent()) {
            problems.add(path + ": access_key_id and secret_access_key go together");
            return Optional.empty();
        }
        if (token.isPresent() && id.isEmpty()) {
            problems.add(path + ".session_token: needs access_key_id and secret_access_key");
            return Optional.empty();
        }
        if (id.isPresent() && block.has("api_key")) {
            problems.add(path + ": give either static keys or api_key, not both");
            return Optional.empty();
        }
        return Optional.of(new BedrockPlatform(region.get(), id, secret, token, id.isPresent() ? Optional.empty()
                : apiKey));
    }

    private static Optional<Secret> secret(JsonNode block, String field, String path, Problems problems) {
        return problems.string(block, field, path).filter(v -> !v.isBlank()).map(Secret::of);
    }
}
