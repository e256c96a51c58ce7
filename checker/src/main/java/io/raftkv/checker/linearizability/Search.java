package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Wing and Gong search for a linearization, with Lowe's cache of visited configurations, as Porcupine does it.
 *
 * <p>The search walks the {@link EntryList} from its head. At a call entry it tries to linearize that operation next:
 * if the model accepts it and the resulting configuration (operations linearized, state) is new, it lifts the operation
 * out of the list, pushes what it needs to undo that, and starts again from the head. Otherwise it moves on to the next
 * entry. Reaching the return entry of an operation not yet linearized means no operation can be linearized next on
 * this path, so it pops the most recent choice and tries the entry after it. It is a loop with an explicit stack, never
 * recursion, so histories of any length fit.
 *
 * <p>Two refinements keep operations with unknown outcomes from making the search exponential. From any configuration
 * the search first tries the operations with known outcomes and only then the unknown ones, which are optional. And the
 * cache treats a configuration as visited when one with the same known operations linearized, the same state and a
 * subset of its unknown operations linearized was visited: everything possible from the latter is possible from the
 * former, since the extra unknown operations could simply never take effect.
 */
final class Search<S, I, O> {

    private static final int STEPS_BETWEEN_DEADLINE_CHECKS = 256;
    private static final int REJECTED_STATES_KEPT_PER_OPERATION = 8;
    /** The cache may take up to this fraction (one over it) of the maximum heap before the search gives up. */
    private static final int HEAP_SHARE_DIVISOR = 2;
    /**
     * A rough size of one cached configuration besides the words of its known set: the objects, the hash map's entry,
     * and room for the occasional set of unknown operations (most configurations share an empty one).
     */
    private static final int CONFIGURATION_OVERHEAD_BYTES = 200;
    /** The unknown part of most configurations: nothing. Shared, and never modified. */
    private static final BitSet NONE = new BitSet();

    private final List<Operation<I, O>> operations;
    private final Model<S, I, O> model;
    private final Deadline deadline;
    private final EntryList entries;
    private final BitSet knownLinearized;
    /** A Zobrist hash of {@link #knownLinearized}, kept up to date as operations are linearized and undone. */
    private long knownLinearizedHash;
    private final BitSet unknownLinearized;
    private final Map<Configuration<S>, List<BitSet>> visited = new HashMap<>();
    private int cachedCount;
    private final long cachedCountMax;
    private int unknownPending;
    private final int[] stackEntries;
    private final List<S> stackStates = new ArrayList<>();
    private final List<List<S>> rejectedStates;
    /** The search's position: the current state, the entry it looks at, and whether it tries unknown operations. */
    private S state;
    private int entry;
    private boolean unknownPass;
    private List<Integer> longestOrder = List.of();
    private int longestDepth = -1;
    private int blockingOperation = -1;

    private Search(List<Operation<I, O>> operations, Model<S, I, O> model, Deadline deadline) {
        this.operations = operations;
        this.model = model;
        this.deadline = deadline;
        List<Integer> participants = participants(operations, model);
        this.entries = new EntryList(operations, participants);
        this.knownLinearized = new BitSet(operations.size());
        this.unknownLinearized = new BitSet(operations.size());
        this.unknownPending = (int) participants.stream()
                .filter(position -> !operations.get(position).outcomeKnown())
                .count();
        this.stackEntries = new int[operations.size()];
        this.state = model.initialState();
        this.entry = entries.first();
        long configurationBytes = CONFIGURATION_OVERHEAD_BYTES + operations.size() / Byte.SIZE;
        this.cachedCountMax = Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR / configurationBytes;
        this.rejectedStates = new ArrayList<>(operations.size());
        for (int operation = 0; operation < operations.size(); operation++) {
            rejectedStates.add(null);
        }
    }

    /** Searches for a linearization of {@code operations}, treated as the history of one object. */
    static <S, I, O> SearchOutcome<S> run(List<Operation<I, O>> operations, Model<S, I, O> model, Deadline deadline) {
        return new Search<>(operations, model, deadline).search();
    }

    /**
     * The operations that take part: all but those with unknown outcomes that cannot change the state, because such an
     * operation may be assumed never to have happened.
     */
    private static <S, I, O> List<Integer> participants(List<Operation<I, O>> operations, Model<S, I, O> model) {
        List<Integer> included = new ArrayList<>();
        for (int position = 0; position < operations.size(); position++) {
            Operation<I, O> operation = operations.get(position);
            if (operation.outcomeKnown() || !model.isReadOnly(operation.input())) {
                included.add(position);
            }
        }
        return included;
    }

    private SearchOutcome<S> search() {
        long steps = 0;
        while (!entries.isEmpty()) {
            steps++;
            if (steps % STEPS_BETWEEN_DEADLINE_CHECKS == 0) {
                Optional<SearchOutcome<S>> stopped = stopReason(steps);
                if (stopped.isPresent()) {
                    return stopped.get();
                }
            }
            if (entries.isCall(entry)) {
                tryToLinearizeAtEntry();
            } else if (entries.isUnknownReturn(entry)) {
                // Every operation with a known outcome is linearized; the rest may never have taken effect.
                return new SearchOutcome.Linearized<>();
            } else if (!unknownPass && unknownPending > 0) {
                unknownPass = true;
                entry = entries.first();
            } else {
                noteDeadEnd(entries.operation(entry));
                if (stackStates.isEmpty()) {
                    return refuted();
                }
                backtrack();
            }
        }
        return new SearchOutcome.Linearized<>();
    }

    /** At a call entry: linearizes its operation next if that is legal and new, otherwise moves on. */
    private void tryToLinearizeAtEntry() {
        int operation = entries.operation(entry);
        if (operations.get(operation).outcomeKnown() == unknownPass) {
            // Not a candidate in this pass.
            entry = entries.next(entry);
            return;
        }
        Optional<S> after = tryStep(operation, state);
        if (after.isPresent() && firstVisit(operation, after.get())) {
            stackEntries[stackStates.size()] = entry;
            stackStates.add(state);
            state = after.get();
            entries.lift(entry);
            entry = entries.first();
            unknownPass = false;
        } else {
            entry = entries.next(entry);
        }
    }

    /** Undoes the most recent linearization and resumes with the candidate after it, in the same pass. */
    private void backtrack() {
        int depth = stackStates.size() - 1;
        entry = stackEntries[depth];
        state = stackStates.remove(depth);
        int operation = entries.operation(entry);
        unlinearize(operation);
        entries.unlift(entry);
        unknownPass = !operations.get(operation).outcomeKnown();
        entry = entries.next(entry);
    }

    private Optional<SearchOutcome<S>> stopReason(long steps) {
        if (deadline.passed()) {
            return Optional.of(new SearchOutcome.GaveUp<>(String.format(
                    "the time budget ran out after %,d search steps, with %,d configurations cached",
                    steps, cachedCount)));
        }
        if (cachedCount > cachedCountMax) {
            return Optional.of(new SearchOutcome.GaveUp<>(String.format(
                    "the search cached more than %,d configurations, as many as half the heap can hold",
                    cachedCountMax)));
        }
        return Optional.empty();
    }

    private Optional<S> tryStep(int operation, S state) {
        Operation<I, O> recorded = operations.get(operation);
        Optional<S> after = model.step(state, recorded.input(), recorded.output());
        if (after.isEmpty()) {
            noteRejection(operation, state);
        }
        return after;
    }

    /**
     * Marks the operation linearized if that leads to a configuration not covered by one visited before; otherwise
     * changes nothing.
     */
    private boolean firstVisit(int operation, S stateAfter) {
        linearize(operation);
        Configuration<S> probe = new Configuration<>(knownLinearized, knownLinearizedHash, stateAfter);
        List<BitSet> unknownSets = visited.get(probe);
        if (unknownSets == null) {
            unknownSets = new ArrayList<>(1);
            visited.put(new Configuration<>((BitSet) knownLinearized.clone(), knownLinearizedHash, stateAfter),
                    unknownSets);
        } else if (coversSubsetOf(unknownSets, unknownLinearized)) {
            unlinearize(operation);
            return false;
        }
        if (!unknownSets.isEmpty()) {
            int before = unknownSets.size();
            unknownSets.removeIf(unknownSet -> isSubset(unknownLinearized, unknownSet));
            cachedCount -= before - unknownSets.size();
        }
        unknownSets.add(unknownLinearized.isEmpty() ? NONE : (BitSet) unknownLinearized.clone());
        cachedCount++;
        return true;
    }

    private static boolean coversSubsetOf(List<BitSet> unknownSets, BitSet unknownLinearized) {
        for (BitSet unknownSet : unknownSets) {
            if (isSubset(unknownSet, unknownLinearized)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubset(BitSet smaller, BitSet larger) {
        if (smaller.isEmpty()) {
            return true;
        }
        BitSet outside = (BitSet) smaller.clone();
        outside.andNot(larger);
        return outside.isEmpty();
    }

    private void linearize(int operation) {
        if (operations.get(operation).outcomeKnown()) {
            knownLinearized.set(operation);
            knownLinearizedHash ^= zobristKey(operation);
        } else {
            unknownLinearized.set(operation);
            unknownPending--;
        }
    }

    private void unlinearize(int operation) {
        if (operations.get(operation).outcomeKnown()) {
            knownLinearized.clear(operation);
            knownLinearizedHash ^= zobristKey(operation);
        } else {
            unknownLinearized.clear(operation);
            unknownPending++;
        }
    }

    /**
     * A well-mixed 64-bit key per operation (the SplitMix64 finalizer of its position). {@link BitSet#hashCode()} is
     * too weak for sets that differ in a few nearby bits, and it costs a pass over the whole set each time.
     */
    private static long zobristKey(int operation) {
        long mixed = (operation + 1) * 0x9E3779B97F4A7C15L;
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        return mixed ^ (mixed >>> 31);
    }

    private void noteRejection(int operation, S state) {
        List<S> states = rejectedStates.get(operation);
        if (states == null) {
            states = new ArrayList<>(2);
            rejectedStates.set(operation, states);
        }
        if (states.size() < REJECTED_STATES_KEPT_PER_OPERATION && !states.contains(state)) {
            states.add(state);
        }
    }

    private void noteDeadEnd(int blocking) {
        int depth = stackStates.size();
        if (depth > longestDepth) {
            longestDepth = depth;
            blockingOperation = blocking;
            List<Integer> order = new ArrayList<>(depth);
            for (int position = 0; position < depth; position++) {
                order.add(entries.operation(stackEntries[position]));
            }
            longestOrder = List.copyOf(order);
        }
    }

    private SearchOutcome<S> refuted() {
        List<S> rejected = rejectedStates.get(blockingOperation);
        return new SearchOutcome.Refuted<>(longestOrder, blockingOperation,
                rejected == null ? List.of() : List.copyOf(rejected));
    }

    /** The operations with known outcomes linearized, with the state they lead to; its hash is computed once. */
    private static final class Configuration<S> {
        private final BitSet knownLinearized;
        private final S state;
        private final int hash;

        Configuration(BitSet knownLinearized, long knownLinearizedHash, S state) {
            this.knownLinearized = knownLinearized;
            this.state = state;
            long mixed = (knownLinearizedHash ^ state.hashCode()) * 0x9E3779B97F4A7C15L;
            this.hash = (int) (mixed ^ (mixed >>> 32));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Configuration<?> configuration
                    && hash == configuration.hash
                    && state.equals(configuration.state)
                    && knownLinearized.equals(configuration.knownLinearized);
        }
    }
}
