package io.raftkv.torture.fault;

import org.junit.jupiter.api.Assumptions;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault tool the machine lacks (iptables, libfaketime, the source-address shim) skips a fault test on a developer's
 * machine, with the reason. Under CI (CI=true), where .ci/run installs every tool, it fails the test instead: a fault
 * test that quietly skips there proves nothing.
 */
public final class FaultTools {
    private FaultTools() {
    }

    public static void require(Optional<String> unavailableReason) {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(unavailableReason).as("a fault tool under CI").isEmpty();
        }
        Assumptions.assumeTrue(unavailableReason.isEmpty(), () -> "skipped: " + unavailableReason.orElseThrow());
    }
}
