package dev.junction.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdminRouteTest {

    private static Matcher match(AdminRoute route, String path) {
        Matcher m = Pattern.compile(route.regex()).matcher(path);
        return m.matches() ? m : null;
    }

    @Test
    void aParameterMatchesOneSegment() {
        AdminRoute route = AdminRoute.of(HttpMethod.GET, "/api/admin/keys/{id}", call -> null);

        assertThat(match(route, "/api/admin/keys/key_1").group("id")).isEqualTo("key_1");
        assertThat(match(route, "/api/admin/keys/key_1/requests")).isNull();
    }

    @Test
    void aSlashSpanningParameterTakesTheRestOfThePath() {
        AdminRoute route = AdminRoute.spanningSlashes(HttpMethod.PUT, "/api/admin/prices/{model}", call -> null);

        assertThat(match(route, "/api/admin/prices/openai/gpt-4o").group("model")).isEqualTo("openai/gpt-4o");
        assertThat(match(route, "/api/admin/prices")).isNull();
    }

    @Test
    void theFixedPartsOfATemplateAreLiteral() {
        AdminRoute route = AdminRoute.of(HttpMethod.GET, "/api/admin/openapi.json", call -> null);

        assertThat(match(route, "/api/admin/openapi.json")).isNotNull();
        assertThat(match(route, "/api/admin/openapiXjson")).isNull();
    }
}
