package dev.junction.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Attribution;
import dev.junction.model.ChatRequest;
import dev.junction.model.Extensions;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.Sampling;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private static final CacheScope TENANT = new CacheScope("tenant:ten_1");

    private static ChatRequest request(List<Message> messages, double temperature, boolean stream,
                                       Map<String, String> metadata, Optional<String> user) {
        Sampling defaults = Sampling.defaults();
        Sampling sampling = new Sampling(defaults.maxTokens(), OptionalDouble.of(temperature), defaults.topP(),
                defaults.topK(), defaults.stop(), defaults.seed(), defaults.presencePenalty(),
                defaults.frequencyPenalty(), defaults.n(), defaults.logprobs(), defaults.topLogprobs());
        return new ChatRequest("general", messages, List.of(), Optional.empty(), Optional.empty(), sampling,
                Optional.empty(), Optional.empty(), stream, stream, metadata, user, Extensions.none());
    }

    private static ChatRequest ask(String text) {
        return request(List.of(Message.text(Role.USER, text)), 0, false, Map.of(), Optional.empty());
    }

    @Test
    void theStreamFlagUserAndMetadataAreNotInTheKey() {
        ChatRequest streamed = request(List.of(Message.text(Role.USER, "hi")), 0, true, Map.of("trace", "1"),
                Optional.of("alice"));

        assertThat(RequestFingerprint.of(TENANT, "general", streamed))
                .isEqualTo(RequestFingerprint.of(TENANT, "general", ask("hi")));
    }

    @Test
    void theScopeRouteSamplingAndMessagesAreInTheKey() {
        CacheKey key = RequestFingerprint.of(TENANT, "general", ask("hi"));

        assertThat(RequestFingerprint.of(new CacheScope("tenant:ten_2"), "general", ask("hi"))).isNotEqualTo(key);
        assertThat(RequestFingerprint.of(TENANT, "other", ask("hi")).hash()).isNotEqualTo(key.hash());
        assertThat(RequestFingerprint.of(TENANT, "general", ask("hi!")).hash()).isNotEqualTo(key.hash());
        assertThat(RequestFingerprint.of(TENANT, "general", request(List.of(Message.text(Role.USER, "hi")), 0.5,
                false, Map.of(), Optional.empty())).hash()).isNotEqualTo(key.hash());
        assertThat(RequestFingerprint.of(TENANT, "general", request(List.of(Message.text(Role.SYSTEM, "hi")), 0,
                false, Map.of(), Optional.empty())).hash()).isNotEqualTo(key.hash());
    }

    @Test
    void textsSplitDifferentlyAcrossMessagesMakeDifferentKeys() {
        ChatRequest two = request(List.of(Message.text(Role.USER, "ab"), Message.text(Role.USER, "c")), 0, false,
                Map.of(), Optional.empty());
        ChatRequest other = request(List.of(Message.text(Role.USER, "a"), Message.text(Role.USER, "bc")), 0, false,
                Map.of(), Optional.empty());

        assertThat(RequestFingerprint.of(TENANT, "r", two).hash()).isNotEqualTo(
                RequestFingerprint.of(TENANT, "r", other).hash());
    }

    @Test
    void scopesNarrowWithinTheTenantAndConfiguredKeysHaveTheirOwn() {
        Attribution member = new Attribution("ci", Optional.of("key_1"), Optional.of("usr_1"), Optional.of("team_1"),
                Optional.of("ten_1"));

        assertThat(CacheScope.of(member, true, CacheScope.Level.TENANT).id()).isEqualTo("tenant:ten_1");
        assertThat(CacheScope.of(member, true, CacheScope.Level.TEAM).id()).isEqualTo("tenant:ten_1/team:team_1");
        assertThat(CacheScope.of(member, true, CacheScope.Level.KEY).id()).isEqualTo("tenant:ten_1/key:key_1");
        assertThat(CacheScope.of(Attribution.named("tests"), false, CacheScope.Level.TENANT).id())
                .isEqualTo("gateway-key:tests");
        assertThat(TENANT.covers(new CacheScope("tenant:ten_1/team:team_1"))).isTrue();
        assertThat(TENANT.covers(new CacheScope("tenant:ten_10"))).isFalse();
    }
}
