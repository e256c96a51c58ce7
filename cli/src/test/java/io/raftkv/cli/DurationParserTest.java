package io.raftkv.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource({"30s,30000", "5m,300000", "1h,3600000", "2d,172800000", "45,45000", "250ms,250", "0,0"})
    void parsesEveryUnit(String text, long expectedMillis) {
        assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-5s", "1.5s", "5 m", "5w", "10sec", "99999999999999s"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @Test
    void ttlMustBeWholeSeconds() {
        assertThat(DurationParser.wholeSeconds(Duration.ofMinutes(2), "--ttl")).isEqualTo(120);
        assertThatThrownBy(() -> DurationParser.wholeSeconds(Duration.ofMillis(1500), "--ttl"))
                .hasMessage("--ttl must be whole seconds, was 1500ms");
    }
}
