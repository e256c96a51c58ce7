package io.raftkv.torture.fault;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultKindTest {
    @Test
    void aCommaSeparatedListParsesInItsOwnOrder() {
        assertThat(FaultKind.parseList("kill,pause,partition,clock"))
                .containsExactly(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION, FaultKind.CLOCK);
        assertThat(FaultKind.parseList(" Loss , KILL")).containsExactly(FaultKind.LOSS, FaultKind.KILL);
    }

    @Test
    void noneIsTheEmptyList() {
        assertThat(FaultKind.parseList("none")).isEmpty();
    }

    @Test
    void everyOptionNameParsesBackToItsKind() {
        String all = Arrays.stream(FaultKind.values()).map(FaultKind::optionName).collect(Collectors.joining(","));

        assertThat(FaultKind.parseList(all)).containsExactly(FaultKind.values());
    }

    @Test
    void anUnknownNameIsRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> FaultKind.parseList("kill,flood"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown nemesis 'flood'")
                .hasMessageContaining("kill, pause, partition, loss, clock");
    }

    @Test
    void emptyNamesAndRepeatsAreRefused() {
        assertThatThrownBy(() -> FaultKind.parseList("kill,,pause")).hasMessageContaining("unknown nemesis ''");
        assertThatThrownBy(() -> FaultKind.parseList("kill,pause,kill")).hasMessageContaining("listed twice");
    }

    @Test
    void onlyNetworkFaultsNeedTheFirewallAndOnlyClockFaultsTheClock() {
        assertThat(Arrays.stream(FaultKind.values()).filter(FaultKind::needsFirewall))
                .containsExactly(FaultKind.PARTITION, FaultKind.LOSS);
        assertThat(Arrays.stream(FaultKind.values()).filter(FaultKind::needsClockControl))
                .containsExactly(FaultKind.CLOCK);
    }
}
