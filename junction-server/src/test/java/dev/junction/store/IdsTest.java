package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void anIdIsThePrefixThenTwentyBase62Characters() {
        assertThat(Ids.newId(Ids.KEY)).matches("key_[0-9A-Za-z]{20}");
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.newId(Ids.TENANT));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aPrefixIsLowercaseLettersOnly() {
        assertThatThrownBy(() -> Ids.newId("ten_")).isInstanceOf(IllegalArgumentException.class);
    }
}
