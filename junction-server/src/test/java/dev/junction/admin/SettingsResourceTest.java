package dev.junction.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The settings answer masks every kind of secret a configuration holds: gateway and admin keys, provider keys and
 * headers, database passwords (the field and inside the URL), Redis passwords, the secret key, the metrics token,
 * tracing credentials and webhook addresses and secrets.
 */
class SettingsResourceTest {

    private static final List<String> SECRETS = List.of("admin-key-settings-0123456789",
            "gw-key-settings-0123456789", "sk-provider-settings-0123456789", "header-secret-settings-0123",
            "db-field-password-0123", "db-url-password-0123", "db-query-password-0123", "redis-password-0123",
            "secret-key-settings-passphrase-0123456789", "metrics-token-settings-0123",
            "otlp-password-settings-0123", "webhook-token-settings-0123", "webhook-secret-settings-0123");

    @TempDir
    Path dir;

    @Test
    void noSecretOfAnyKindAppearsInTheSettings() throws Exception {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, """
                admin_keys: [{name: ops, key: admin-key-settings-0123456789}]
                keys: [{name: app, key: gw-key-settings-0123456789}]
                providers:
                  corp: {preset: openai, base_url: "https://llm.example.com/v1", api_key: sk-provider-settings-0123456789,
                         headers: {api-key: header-secret-settings-0123}}
                database:
                  url: "jdbc:postgresql://junction:db-url-password-0123@db:5432/junction?sslmode=require&password=db-query-password-0123"
                  user: junction
                  password: db-field-password-0123
                redis: {url: "redis://:redis-password-0123@redis:6379/0"}
                secret_key: secret-key-settings-passphrase-0123456789
                metrics: {token: metrics-token-settings-0123, port: 9464}
                tracing: {endpoint: "https://otlp.example.com", api_key: "otlp-user:otlp-password-settings-0123"}
                alerts:
                  channels:
                    pager: {type: webhook, url: "https://hooks.example.com/x?token=webhook-token-settings-0123",
                            secret: webhook-secret-settings-0123}
                """);
        GatewayConfig config = new ConfigLoader(ProviderCatalog.bundled(), Map.of()).load(Optional.of(file));

        JsonNode body = SettingsResource.render(config, List.of());
        String text = Json.write(body);

        for (String secret : SECRETS) {
            assertThat(text).as("the settings show %s", secret).doesNotContain(secret);
        }
        assertThat(body.at("/store/kind").asString()).isEqualTo("postgresql");
        assertThat(body.at("/store/url").asString()).contains("db:5432").contains("sslmode=require");
        assertThat(body.at("/store/user").asString()).isEqualTo("junction");
        assertThat(body.at("/redis/enabled").asBoolean()).isTrue();
        assertThat(body.at("/redis/url").asString()).isEqualTo("redis://:***@redis:6379/0");
        assertThat(body.at("/listeners/1/port").asInt()).isEqualTo(9464);
        assertThat(body.at("/auth/admin_keys/0/name").asString()).isEqualTo("ops");
    }

    @Test
    void urlsKeepTheirShapeWithTheCredentialsMasked() {
        assertThat(SettingsResource.maskUrl("redis://user:pw123456@h:6379")).isEqualTo("redis://user:***@h:6379");
        assertThat(SettingsResource.maskUrl("https://tok123456@h/x")).isEqualTo("https://***@h/x");
        assertThat(SettingsResource.maskUrl("jdbc:sqlite:/data/junction.db")).isEqualTo("jdbc:sqlite:/data/junction.db");
        assertThat(SettingsResource.maskUrl("jdbc:mariadb://h/db?user=u&password=p4ss&api_key=k"))
                .isEqualTo("jdbc:mariadb://h/db?user=u&password=***&api_key=***");
    }
}
