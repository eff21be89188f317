package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void userInfoAndPasswordParametersAreMasked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://app:s3cret@db:5432/junction?password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://***@db:5432/junction?password=***&ssl=true");
    }

    @Test
    void mysqlUrlsAreServedByTheMariaDbDriver() {
        assertThat(JdbcUrls.forDriver("jdbc:mysql://db:3306/junction")).isEqualTo("jdbc:mariadb://db:3306/junction");
        assertThat(SqlDialect.ofUrl("jdbc:mysql://db/junction")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.ofUrl("jdbc:mariadb://db/junction")).isEqualTo(SqlDialect.MYSQL);
    }

    @Test
    void sqliteFileUrlsNameTheirFileAndMemoryUrlsNone() {
        assertThat(JdbcUrls.sqliteFile("jdbc:sqlite:/var/lib/junction/store.db?foo=bar"))
                .contains(Path.of("/var/lib/junction/store.db"));
        assertThat(JdbcUrls.sqliteFile("jdbc:sqlite:file:/tmp/x.db")).contains(Path.of("/tmp/x.db"));
        assertThat(JdbcUrls.sqliteFile("jdbc:sqlite::memory:")).isEmpty();
        assertThat(JdbcUrls.sqliteFile("jdbc:sqlite:file:shared?mode=memory&cache=shared")).isEmpty();
    }

    @Test
    void anUnsupportedSchemeNamesTheSupportedOnes() {
        assertThatThrownBy(() -> SqlDialect.ofUrl("jdbc:h2:mem:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageContaining("jdbc:mysql://");
    }
}
