package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return entries of a history in time order, as a doubly linked list from which the search lifts an
 * operation (both its entries) when it linearizes it and puts it back, in reverse order, when it backtracks.
 *
 * <p>At equal times calls come before returns, so operations that merely touch count as concurrent. The return entries
 * of operations with unknown outcomes go at the very end: such an operation may take effect at any time after its
 * invocation, so the search may linearize it at any point, and reaching one of those return entries means every
 * operation with a known outcome has been linearized.
 */
final class EntryList {

    static final int HEAD = 0;

    private final int tail;
    private final int[] operationOf;
    private final boolean[] call;
    private final boolean[] unknownReturn;
    private final int[] returnOf;
    private final int[] next;
    private final int[] previous;

    private record Entry(int operation, boolean call, long timeNanos) {
    }

    private static final Comparator<Entry> TIME_ORDER = Comparator.comparingLong(Entry::timeNanos)
            .thenComparing(entry -> !entry.call())
            .thenComparingInt(Entry::operation);

    /**
     * @param operations the history
     * @param included   the positions in {@code operations} that take part in the search
     */
    EntryList(List<? extends Operation<?, ?>> operations, List<Integer> included) {
        List<Entry> timed = new ArrayList<>();
        List<Entry> unknownReturns = new ArrayList<>();
        for (int operation : included) {
            Operation<?, ?> recorded = operations.get(operation);
            timed.add(new Entry(operation, true, recorded.invokeNanos()));
            Entry returned = new Entry(operation, false, recorded.completeNanos());
            (recorded.outcomeKnown() ? timed : unknownReturns).add(returned);
        }
        timed.sort(TIME_ORDER);
        List<Entry> ordered = new ArrayList<>(timed);
        ordered.addAll(unknownReturns);

        int size = ordered.size() + 2;
        tail = size - 1;
        operationOf = new int[size];
        call = new boolean[size];
        unknownReturn = new boolean[size];
        returnOf = new int[size];
        next = new int[size];
        previous = new int[size];
        link(operations, ordered);
    }

    private void link(List<? extends Operation<?, ?>> operations, List<Entry> ordered) {
        int[] callEntryOfOperation = new int[operations.size()];
        for (int position = 0; position < ordered.size(); position++) {
            int entry = position + 1;
            Entry described = ordered.get(position);
            operationOf[entry] = described.operation();
            call[entry] = described.call();
            unknownReturn[entry] = !described.call() && !operations.get(described.operation()).outcomeKnown();
            if (described.call()) {
                callEntryOfOperation[described.operation()] = entry;
            } else {
                returnOf[callEntryOfOperation[described.operation()]] = entry;
            }
        }
        for (int entry = 0; entry < tail; entry++) {
            next[entry] = entry + 1;
            previous[entry + 1] = entry;
        }
        next[tail] = tail;
        previous[HEAD] = HEAD;
    }

    boolean isEmpty() {
        return next[HEAD] == tail;
    }

    int first() {
        return next[HEAD];
    }

    int next(int entry) {
        return next[entry];
    }

    boolean isCall(int entry) {
        return call[entry];
    }

    /** Whether this is the return entry of an operation whose outcome is unknown. */
    boolean isUnknownReturn(int entry) {
        return unknownReturn[entry];
    }

    /** The position in the history of the operation this entry belongs to. */
    int operation(int entry) {
        return operationOf[entry];
    }

    /** Removes a call entry and its return entry from the list. */
    void lift(int callEntry) {
        unlink(callEntry);
        unlink(returnOf[callEntry]);
    }

    /** Puts back what {@link #lift} removed; lifts must be undone in reverse order. */
    void unlift(int callEntry) {
        relink(returnOf[callEntry]);
        relink(callEntry);
    }

    private void unlink(int entry) {
        next[previous[entry]] = next[entry];
        previous[next[entry]] = previous[entry];
    }

    private void relink(int entry) {
        next[previous[entry]] = entry;
        previous[next[entry]] = entry;
    }
}
