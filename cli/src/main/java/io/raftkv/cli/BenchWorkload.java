package io.raftkv.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a benchmark worker does in each operation. */
enum BenchWorkload {
    /** Unconditional puts to random keys. */
    WRITE("write"),
    /** Linearizable gets of preloaded keys. */
    READ("read"),
    /** Serializable gets of preloaded keys: each node answers from its own replica. */
    SERIALIZABLE_READ("serializable-read"),
    /** Half linearizable gets, half puts, like YCSB workload A. */
    MIXED("mixed");

    private final String cliName;

    BenchWorkload(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    boolean needsPreload() {
        return this != WRITE;
    }

    static BenchWorkload parse(String text) {
        return Arrays.stream(values()).filter(workload -> workload.cliName.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--workload must be one of " + Arrays.stream(values())
                        .map(BenchWorkload::cliName).collect(Collectors.joining(", ")) + ", was '" + text + "'"));
    }
}
