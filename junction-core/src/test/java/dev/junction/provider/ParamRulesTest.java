package dev.junction.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ParamRulesTest {

    private static ObjectNode body() {
        return (ObjectNode) Json.tryParse("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":100,
                 "temperature":0.7,"logit_bias":{"50256":-100},"tools":[],"response_format":{"type":"json_object"}}
                """).orElseThrow();
    }

    private static ParamRules drop(String... fields) {
        return new ParamRules(List.of(fields), Map.of(), Json.object(), Json.object(), List.of());
    }

    private static ParamRules rename(String from, String to) {
        return new ParamRules(List.of(), Map.of(from, to), Json.object(), Json.object(), List.of());
    }

    private static ParamRules defaults(ObjectNode values) {
        return new ParamRules(List.of(), Map.of(), values, Json.object(), List.of());
    }

    private static ParamRules set(ObjectNode values) {
        return new ParamRules(List.of(), Map.of(), Json.object(), values, List.of());
    }

    private static ParamRules conflict(String whenPresent, String... drop) {
        return new ParamRules(List.of(), Map.of(), Json.object(), Json.object(),
                List.of(new ParamRules.Conflict(whenPresent, List.of(drop))));
    }

    @Test
    void dropRemovesTheFieldsAndReportsOnlyThoseThatWerePresent() {
        ObjectNode body = body();

        Set<String> dropped = drop("logit_bias", "seed").apply(body);

        assertThat(body.has("logit_bias")).isFalse();
        assertThat(dropped).containsExactly("logit_bias");
    }

    @Test
    void droppedFieldsAreReportedSorted() {
        Set<String> dropped = drop("temperature", "logit_bias", "max_completion_tokens").apply(body());

        assertThat(dropped).containsExactly("logit_bias", "max_completion_tokens", "temperature");
    }

    @Test
    void renameMovesTheValueToTheNewName() {
        ObjectNode body = body();

        Set<String> dropped = rename("max_completion_tokens", "max_tokens").apply(body);

        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.get("max_tokens").intValue()).isEqualTo(100);
        assertThat(dropped).isEmpty();
    }

    @Test
    void renameKeepsTheClientsValueWhenTheNewNameIsAlreadySet() {
        ObjectNode body = body().put("max_tokens", 7);

        rename("max_completion_tokens", "max_tokens").apply(body);

        assertThat(body.get("max_tokens").intValue()).isEqualTo(7);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void renameOfAnAbsentFieldChangesNothing() {
        ObjectNode body = body();

        rename("seed", "random_seed").apply(body);

        assertThat(body).isEqualTo(body());
    }

    @Test
    void defaultsFillOnlyAbsentOrNullFields() {
        ObjectNode body = body();
        body.putNull("top_p");

        defaults(Json.object().put("temperature", 0.1).put("top_p", 0.9).put("max_tokens", 1024)).apply(body);

        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.7);
        assertThat(body.get("top_p").doubleValue()).isEqualTo(0.9);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(1024);
    }

    @Test
    void setOverridesTheClientsValue() {
        ObjectNode body = body();

        set(Json.object().put("temperature", 0.2)).apply(body);

        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.2);
    }

    @Test
    void presentToolsDropResponseFormat() {
        ObjectNode body = body();

        Set<String> dropped = conflict("tools", "response_format").apply(body);

        assertThat(body.has("response_format")).isFalse();
        assertThat(dropped).containsExactly("response_format");
    }

    @Test
    void conflictDoesNothingWhenItsTriggerIsAbsentOrNull() {
        ObjectNode body = body();
        body.remove("tools");
        ObjectNode withNullTools = body().putNull("tools");

        ParamRules rules = conflict("tools", "response_format");

        assertThat(rules.apply(body)).isEmpty();
        assertThat(rules.apply(withNullTools)).isEmpty();
        assertThat(withNullTools.has("response_format")).isTrue();
    }

    @Test
    void conflictsAreJudgedOnTheBodyAsItArrived() {
        ObjectNode body = body();
        ParamRules rules = drop("tools").then(conflict("tools", "response_format"));

        Set<String> dropped = rules.apply(body);

        assertThat(dropped).containsExactly("response_format", "tools");
    }

    @Test
    void ruleStagesRunInOrderDropRenameDefaultsSet() {
        ObjectNode body = body();
        ParamRules rules = new ParamRules(List.of("temperature"), Map.of("max_completion_tokens", "max_tokens"),
                Json.object().put("temperature", 1.0).put("max_tokens", 5), Json.object().put("max_tokens", 50),
                List.of());

        rules.apply(body);

        assertThat(body.get("temperature").doubleValue()).isEqualTo(1.0);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(50);
    }

    @Test
    void thenConcatenatesDropsAndLetsTheLaterRulesWinOnMaps() {
        ParamRules provider = new ParamRules(List.of("logit_bias"), Map.of("seed", "random_seed"),
                Json.object().put("max_tokens", 1024), Json.object().put("temperature", 0.2), List.of());
        ParamRules step = new ParamRules(List.of("store"), Map.of("seed", "rng_seed"),
                Json.object().put("max_tokens", 64), Json.object().put("temperature", 0.9),
                List.of(new ParamRules.Conflict("tools", List.of("response_format"))));

        ParamRules combined = provider.then(step);

        assertThat(combined.drop()).containsExactly("logit_bias", "store");
        assertThat(combined.rename()).containsExactly(Map.entry("seed", "rng_seed"));
        assertThat(combined.defaults().get("max_tokens").intValue()).isEqualTo(64);
        assertThat(combined.set().get("temperature").doubleValue()).isEqualTo(0.9);
        assertThat(combined.conflicts()).hasSize(1);
    }

    @Test
    void thenDoesNotChangeEitherSide() {
        ParamRules provider = set(Json.object().put("temperature", 0.2));
        ParamRules step = set(Json.object().put("temperature", 0.9).put("top_p", 0.5));

        provider.then(step);

        assertThat(provider.set()).isEqualTo(Json.object().put("temperature", 0.2));
        assertThat(step.set().size()).isEqualTo(2);
    }

    @Test
    void thenWithNoRulesOnEitherSideIsTheOtherSide() {
        ParamRules rules = drop("seed");

        assertThat(rules.then(ParamRules.NONE)).isSameAs(rules);
        assertThat(ParamRules.NONE.then(rules)).isSameAs(rules);
    }

    @Test
    void noRulesLeaveTheBodyUntouched() {
        ObjectNode body = body();

        assertThat(ParamRules.NONE.apply(body)).isEmpty();
        assertThat(body).isEqualTo(body());
        assertThat(ParamRules.NONE.isEmpty()).isTrue();
    }
}
