package io.raftkv.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTrainingTest {

    @Test
    void everyTrainingCommandEndsAsExpectedAgainstTheTrainingNode() throws Exception {
        assertThat(StartupTraining.run()).isEmpty();
    }
}
