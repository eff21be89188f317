package dev.junction.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ParamRulesReaderTest {

    private static JsonNode node(String json) {
        return Json.tryParse(json).orElseThrow();
    }

    @Test
    void everySectionIsRead() {
        List<String> problems = new ArrayList<>();

        ParamRules rules = ParamRulesReader.read(node("""
                {"drop":["logit_bias"],"rename":{"max_completion_tokens":"max_tokens"},
                 "defaults":{"max_tokens":1024},"set":{"temperature":0.2},
                 "conflicts":[{"when":"tools","drop":["response_format"]}]}"""), "providers.groq.params",
                problems::add);

        assertThat(problems).isEmpty();
        assertThat(rules.drop()).containsExactly("logit_bias");
        assertThat(rules.rename()).containsExactly(Map.entry("max_completion_tokens", "max_tokens"));
        assertThat(rules.defaults().get("max_tokens").intValue()).isEqualTo(1024);
        assertThat(rules.set().get("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(rules.conflicts()).containsExactly(new ParamRules.Conflict("tools", List.of("response_format")));
    }

    @Test
    void absentOrNullNodeMeansNoRules() {
        List<String> problems = new ArrayList<>();

        assertThat(ParamRulesReader.read(null, "p", problems::add)).isSameAs(ParamRules.NONE);
        assertThat(ParamRulesReader.read(node("null"), "p", problems::add)).isSameAs(ParamRules.NONE);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        List<String> problems = new ArrayList<>();

        ParamRulesReader.read(node("""
                {"dorp":["seed"],"drop":"seed","rename":{"seed":1},"defaults":[1],"set":"x",
                 "conflicts":[{"when":3,"drop":["a"]},{"when":"tools","drop":[1]}]}"""), "routes.r.params",
                problems::add);

        assertThat(problems).hasSize(7);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("routes.r.params.dorp: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("routes.r.params.drop: expected a list"))
                .anySatisfy(p -> assertThat(p).startsWith("routes.r.params.rename.seed: expected a field name"))
                .anySatisfy(p -> assertThat(p).startsWith("routes.r.params.defaults: expected a mapping"))
                .anySatisfy(p -> assertThat(p).startsWith("routes.r.params.set: expected a mapping"))
                .anySatisfy(p -> assertThat(p).startsWith("routes.r.params.conflicts[0].when:"))
                .anySatisfy(p -> assertThat(p).startsWith("routes.r.params.conflicts[1].drop:"));
    }

    @Test
    void aNodeThatIsNotAMappingIsOneProblem() {
        List<String> problems = new ArrayList<>();

        ParamRules rules = ParamRulesReader.read(node("[\"seed\"]"), "p", problems::add);

        assertThat(problems).containsExactly("p: expected a mapping");
        assertThat(rules).isSameAs(ParamRules.NONE);
    }

    @Test
    void readValuesAreCopiesOfTheSourceNode() {
        JsonNode source = node("{\"set\":{\"temperature\":0.2}}");

        ParamRules rules = ParamRulesReader.read(source, "p", p -> { });
        ((tools.jackson.databind.node.ObjectNode) source.get("set")).put("temperature", 1.5);

        assertThat(rules.set().get("temperature").doubleValue()).isEqualTo(0.2);
    }
}
