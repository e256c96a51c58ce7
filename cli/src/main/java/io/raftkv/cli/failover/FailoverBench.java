package io.raftkv.cli.failover;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the trials against one store: starts its three nodes, runs each trial (the killed node is started again at the
 * end of each), prints a line per trial, and stops every node at the end.
 */
public final class FailoverBench {
    private final int trials;
    private final long writeIntervalMillis;
    private final long requestTimeoutMillis;
    private final PrintStream out;

    public FailoverBench(int trials, long writeIntervalMillis, long requestTimeoutMillis, PrintStream out) {
        this.trials = trials;
        this.writeIntervalMillis = writeIntervalMillis;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.out = out;
    }

    public FailoverSummary run(FailoverStore store) throws IOException, InterruptedException {
        try (store) {
            for (int number = 1; number <= FailoverStore.NODE_COUNT; number++) {
                store.start(number);
            }
            FailoverTrial trial = new FailoverTrial(store, writeIntervalMillis, requestTimeoutMillis);
            List<Double> millis = new ArrayList<>();
            for (int index = 1; index <= trials; index++) {
                FailoverTrial.Outcome outcome = trial.run(index);
                millis.add(outcome.killToAckMillis());
                out.printf(Locale.ROOT, "%s trial %d/%d: killed leader %d (term %d), new leader %d (term %d), "
                                + "first write acknowledged after %.0f ms (through node %d), last acknowledged %d, "
                                + "read back %d%n", store.name(), index, trials, outcome.killed(), outcome.term(),
                        outcome.newLeader(), outcome.newTerm(), outcome.killToAckMillis(), outcome.ackNode(),
                        outcome.lastAcknowledged(), outcome.readBack());
            }
            return FailoverSummary.of(store.name(), millis);
        }
    }
}
