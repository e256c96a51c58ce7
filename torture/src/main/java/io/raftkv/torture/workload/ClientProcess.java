package io.raftkv.torture.workload;

import io.raftkv.client.RaftKvClient;
import io.raftkv.torture.history.HistoryRecorder;

import java.util.Random;

/**
 * One logical client as the history sees it: it runs one operation at a time. After an operation whose outcome is
 * unknown the worker thread continues as a new process, as Jepsen does, because the old one may still have that
 * operation in flight.
 *
 * @param process  the process number in the history
 * @param client   a client of its own, with its own client id for exactly-once writes
 * @param random   the worker's seeded randomness
 * @param node     the node the client tries first
 * @param recorder where operations are recorded
 */
public record ClientProcess(int process, RaftKvClient client, Random random, String node, HistoryRecorder recorder) {
}
