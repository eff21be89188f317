package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.model.Dialect;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockPlatformReaderTest {

    private static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(yaml, "test.yaml");
    }

    private static ConfigException problems(String yaml, Map<String, String> env) {
        try {
            load(yaml, env);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    /** The example of docs/providers.md, with each way to authenticate. */
    @Test
    void theDocumentedExampleLoadsWithItsEndpointAndSealedKeys() {
        GatewayConfig config = load("""
                providers:
                  bedrock:
                    dialect: bedrock-converse
                    platform: {type: bedrock, region: us-east-1}
                    models: ["us.anthropic.claude-sonnet-4-20250514-v1:0", "amazon.nova-pro-v1:0"]
                  static:
                    dialect: bedrock-converse
                    platform: {type: bedrock, access_key_id: "${AWS_ACCESS_KEY_ID}",
                               secret_access_key: "${AWS_SECRET_ACCESS_KEY}", session_token: "${AWS_SESSION_TOKEN}"}
                routes:
                  claude-on-aws: {steps: [{provider: bedrock, model: "us.anthropic.claude-sonnet-4-20250514-v1:0"}]}
                """, Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE0000",
                "AWS_SECRET_ACCESS_KEY", "secret-0123456789abcdef", "AWS_SESSION_TOKEN", "token-0123456789",
                "AWS_BEARER_TOKEN_BEDROCK", "ABSK-bearer-0123456789"));

        ProviderConfig chain = config.providers().get("bedrock");
        assertThat(chain.dialect()).isEqualTo(Dialect.BEDROCK_CONVERSE);
        assertThat(chain.baseUrl()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
        BedrockPlatform keyed = (BedrockPlatform) chain.platform();
        assertThat(keyed.apiKey().orElseThrow().reveal()).isEqualTo("ABSK-bearer-0123456789");
        BedrockPlatform signed = (BedrockPlatform) config.providers().get("static").platform();
        assertThat(signed.region()).isEqualTo("eu-central-1");
        assertThat(signed.apiKey()).isEmpty(); // static keys win over the environment's API key
        assertThat(signed.sessionToken().orElseThrow().reveal()).isEqualTo("token-0123456789");
        assertThat(signed.toString()).doesNotContain("secret-0123456789abcdef").doesNotContain("token-0123456789");
        assertThat(config.providers().get("static").baseUrl())
                .isEqualTo("https://bedrock-runtime.eu-central-1.amazonaws.com");
    }

    /** The Claude-through-InvokeModel example of docs/providers.md, and a preset's key never sent to Bedrock. */
    @Test
    void anAnthropicProviderOnBedrockLoadsWithoutAStaticKey() {
        GatewayConfig config = load("""
                providers:
                  anthropic:
                    dialect: anthropic
                    platform: {type: bedrock, region: us-west-2}
                    models: ["us.anthropic.claude-sonnet-4-20250514-v1:0"]
                  claude-aws:
                    dialect: anthropic
                    platform: {type: bedrock, region: us-west-2}   # the same block and authentication as above
                    models: ["us.anthropic.claude-sonnet-4-20250514-v1:0"]
                routes:
                  claude: {steps: [{provider: claude-aws, model: "us.anthropic.claude-sonnet-4-20250514-v1:0"}]}
                  direct: {steps: [{provider: anthropic, model: "us.anthropic.claude-sonnet-4-20250514-v1:0"}]}
                """, Map.of("ANTHROPIC_API_KEY", "sk-ant-0123456789abcdef"));

        ProviderConfig claude = config.providers().get("anthropic");
        assertThat(claude.dialect()).isEqualTo(Dialect.ANTHROPIC);
        assertThat(claude.platform()).isInstanceOf(BedrockPlatform.class);
        assertThat(claude.baseUrl()).isEqualTo("https://bedrock-runtime.us-west-2.amazonaws.com");
        assertThat(claude.apiKey()).isEmpty();
        assertThat(claude.auth()).isEqualTo(new AuthStyle.None());
        assertThat(config.providers().get("claude-aws").platform()).isInstanceOf(BedrockPlatform.class);
    }

    @Test
    void badBlocksAreProblemsNamingTheField() {
        ConfigException e = problems("""
                providers:
                  a: {dialect: bedrock-converse, platform: {type: bedrock}}
                  b: {dialect: bedrock-converse, platform: {type: bedrock, region: "US East"}}
                  c: {dialect: bedrock-converse, platform: {type: bedrock, region: us-east-1, access_key_id: AKIA1}}
                  d: {dialect: openai, platform: {type: bedrock, region: us-east-1}}
                  e: {dialect: bedrock-converse, platform: {type: bedrock, region: us-east-1, profile: dev}}
                """, Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("providers.a.platform.region", "required"))
                .anySatisfy(p -> assertThat(p).contains("providers.b.platform.region", "US East"))
                .anySatisfy(p -> assertThat(p).contains("providers.c.platform", "go together"))
                .anySatisfy(p -> assertThat(p).contains("providers.d.platform", "bedrock-converse"))
                .anySatisfy(p -> assertThat(p).contains("providers.e.platform.profile", "unknown key"));
    }
}
