package dev.junction.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AuditDetailTest {

    @Test
    void anUpdateListsOnlyTheFieldsThatChangedWithBothValues() {
        ObjectNode before = Json.object().put("name", "a").put("rpm", 10).put("updated_at", "t1");
        ObjectNode after = Json.object().put("name", "a").putNull("rpm").put("updated_at", "t2");

        ObjectNode expected = Json.object();
        expected.putObject("rpm").put("from", 10).putNull("to");
        assertThat(AuditDetail.changes(before, after)).isEqualTo(expected);
    }

    @Test
    void aCreatedThingLeavesOutItsIdTimesPrefixAndKey() {
        ObjectNode rendered = Json.object().put("id", "key_1").put("name", "ci").put("prefix", "jk-AbCd…wXyZ")
                .put("key", "jk-secret").put("created_at", "t").put("updated_at", "t");

        assertThat(AuditDetail.of(rendered)).isEqualTo(Json.object().put("name", "ci"));
    }
}
