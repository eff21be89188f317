package dev.junction.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyJsonTest {

    @Test
    void aLifetimeIsANumberAndAUnitFromSecondsToWeeks() {
        assertThat(KeyJson.lifetime("expires_in", "3600s")).isEqualTo(Duration.ofHours(1));
        assertThat(KeyJson.lifetime("expires_in", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(KeyJson.lifetime("expires_in", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(KeyJson.lifetime("expires_in", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(KeyJson.lifetime("expires_in", "2W")).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void aZeroLifetimeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> KeyJson.lifetime("--expires-in", "0d")).isInstanceOf(AdminError.class)
                .hasMessageContaining("'--expires-in' must be a positive duration");
    }

    @Test
    void aLifetimeWithAnUnknownUnitIsRefused() {
        assertThatThrownBy(() -> KeyJson.lifetime("expires_in", "3y")).isInstanceOf(AdminError.class)
                .hasMessageContaining("3y");
    }
}
