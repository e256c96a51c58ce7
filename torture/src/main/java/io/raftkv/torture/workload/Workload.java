package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.torture.history.HistoryRecorder;
import io.raftkv.torture.history.Outcome;

/**
 * One kind of traffic: what it writes before the faults start, one operation at a time during the run, and the final
 * reads it needs once everything is healed. Every operation is recorded in the history, whatever its outcome.
 */
public sealed interface Workload permits RegisterWorkload, SetWorkload, TtlWorkload {
    WorkloadKind kind();

    /** Before any fault: creates what the operations expect to exist. Retries until it succeeds. */
    void prepare(RaftKvClient client, HistoryRecorder recorder);

    /** Runs one operation for the given client process and records it. */
    Outcome runOne(ClientProcess process);

    /** After healing, with every client stopped: the reads the checks compare against. */
    void finish(RaftKvClient client, HistoryRecorder recorder);
}
