package io.raftkv.torture.history;

import io.raftkv.core.Invariants;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects every operation of a run, from any client thread. Invocation order is fixed by {@link #invoke}, which also
 * reads the harness clock, so the history's indexes and times agree.
 */
public final class HistoryRecorder {
    /** Ten minutes of a busy run fit easily; past this the history would no longer be checkable in reasonable time. */
    public static final int OPERATIONS_MAX = 2_000_000;

    private final RunClock clock;
    private final AtomicLong nextIndex = new AtomicLong();
    private final List<RecordedOperation> completed = new ArrayList<>();

    public HistoryRecorder(RunClock clock) {
        this.clock = clock;
    }

    /** Marks the start of an operation: the moment it counts as invoked. */
    public Invocation invoke(int process, String function, String key, String input, String node) {
        return new Invocation(nextIndex.getAndIncrement(), process, function, key, input, node, clock.nanos());
    }

    /** Marks the end of an operation: the moment its answer came or its client gave up. */
    public RecordedOperation complete(Invocation invocation, Outcome outcome, String output, String error) {
        RecordedOperation operation = new RecordedOperation(invocation.index(), invocation.process(),
                invocation.function(), invocation.key(), invocation.input(), output, invocation.node(),
                invocation.invokeNanos(), clock.nanos(), outcome, error);
        synchronized (completed) {
            Invariants.check(completed.size() < OPERATIONS_MAX, "the history already holds %d operations",
                    OPERATIONS_MAX);
            completed.add(operation);
        }
        return operation;
    }

    /** How many operations have completed so far, by outcome, for progress lines. */
    public Map<Outcome, Integer> countsByOutcome() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        synchronized (completed) {
            completed.forEach(operation -> counts.merge(operation.outcome(), 1, Integer::sum));
        }
        return counts;
    }

    /** Every completed operation, in invocation order. */
    public List<RecordedOperation> operations() {
        synchronized (completed) {
            List<RecordedOperation> sorted = new ArrayList<>(completed);
            sorted.sort(Comparator.comparingLong(RecordedOperation::index));
            return sorted;
        }
    }

    /** An operation that has begun and not yet ended. */
    public record Invocation(long index, int process, String function, String key, String input, String node,
                             long invokeNanos) {
    }
}
