package dev.junction.dialect.bedrock;

import dev.junction.provider.Platform;
import dev.junction.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider hosted on AWS Bedrock: the region its endpoint and signatures use, and how it authenticates. With an
 * {@code apiKey} (a Bedrock API key) requests carry it as a bearer token; with static keys they are signed with
 * those; otherwise with the credentials of the AWS SDK's default chain (environment, shared profile, web identity,
 * container and instance credentials). Every credential is a {@link Secret}, so {@code toString} reveals none.
 *
 * @param region the AWS region ({@code us-east-1}), which names the endpoint and the signing scope
 */
public record BedrockPlatform(String region, Optional<Secret> accessKeyId, Optional<Secret> secretAccessKey,
                              Optional<Secret> sessionToken, Optional<Secret> apiKey) implements Platform {

    /** The signing name of Bedrock's runtime API. */
    public static final String SERVICE = "bedrock";

    public BedrockPlatform {
        Objects.requireNonNull(region, "region");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("access_key_id and secret_access_key go together");
        }
    }

    @Override
    public String type() {
        return "bedrock";
    }

    /** The runtime endpoint of the region, for a provider without a {@code base_url} of its own. */
    public String endpoint() {
        return "https://bedrock-runtime." + region + ".amazonaws.com";
    }
}
