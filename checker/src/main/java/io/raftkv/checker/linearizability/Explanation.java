package io.raftkv.checker.linearizability;

import io.raftkv.checker.Operation;

import java.util.List;
import java.util.stream.Collectors;

/** The English text of a {@link Verdict.NotLinearizable}. */
final class Explanation {

    /** Reports list at most this many operations or states; a minimal history rarely needs more. */
    private static final int LISTED_ITEMS_MAX = 8;

    private Explanation() {
    }

    /**
     * Explains a refuted search.
     *
     * @param searched    the history the search refuted
     * @param outcome     what the search found
     * @param historySize how many operations the whole history of the key has
     */
    static <S, I, O> String of(List<Operation<I, O>> searched, SearchOutcome.Refuted<S> outcome, Model<S, I, O> model,
                               int historySize) {
        StringBuilder text = new StringBuilder();
        if (searched.size() < historySize) {
            text.append(String.format("These %d of the key's %d operations are already not linearizable. ",
                    searched.size(), historySize));
        }
        List<Operation<I, O>> linearized = outcome.longestOrder().stream().map(searched::get).toList();
        String blocking = describe(searched.get(outcome.blockingOperation()), model);
        if (linearized.isEmpty()) {
            text.append(String.format("No operation could be linearized before %s had to take effect", blocking));
        } else {
            text.append(String.format("The search linearized at most %d operation%s (%s) before %s had to take effect",
                    linearized.size(), linearized.size() == 1 ? "" : "s", listing(linearized, model), blocking));
        }
        List<String> states = outcome.rejectedStates().stream().map(String::valueOf).toList();
        if (states.isEmpty()) {
            text.append(", and every order in which it was legal led to a dead end later.");
        } else {
            text.append(String.format(", and no order allowed it: the model rejects it in state%s %s.",
                    states.size() == 1 ? "" : "s such as", limited(states)));
        }
        return text.toString();
    }

    /** One operation for a report: {@code #7 process 2 write("a") [100, 250]}. */
    static <I, O> String describe(Operation<I, O> operation, Model<?, I, O> model) {
        String completed = operation.outcomeKnown() ? Long.toString(operation.completeNanos()) : "unknown";
        return String.format("#%d process %d %s [%d, %s]", operation.id(), operation.process(),
                model.describe(operation.input(), operation.output()), operation.invokeNanos(), completed);
    }

    private static <I, O> String listing(List<Operation<I, O>> operations, Model<?, I, O> model) {
        return limited(operations.stream().map(operation -> describe(operation, model)).toList());
    }

    private static String limited(List<String> items) {
        String shown = items.stream().limit(LISTED_ITEMS_MAX).collect(Collectors.joining(", "));
        int hidden = items.size() - LISTED_ITEMS_MAX;
        return hidden > 0 ? shown + String.format(" and %d more", hidden) : shown;
    }
}
